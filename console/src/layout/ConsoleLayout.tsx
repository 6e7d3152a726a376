import { useMemo, useState, type ReactNode } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import { Avatar, Button, Dropdown, Grid, Layout, Menu, Space, Tag, type MenuProps } from 'antd'
import {
  AppstoreOutlined,
  CrownOutlined,
  DashboardOutlined,
  GiftOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  NotificationOutlined,
  ShareAltOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons'
import { ROLE_LABELS, type Permission } from '@domain/staff'
import { useAuth } from '../auth'

interface Item {
  key: string
  label: string
  permission: Permission | undefined
}
interface Group {
  key: string
  label: string
  icon: ReactNode
  items: Item[]
}

/** The menu, grouped as merchants think of the shop; items the role can't use are not shown. */
const MENU: Group[] = [
  { key: 'overview', label: '概览', icon: <DashboardOutlined />, items: [{ key: '/dashboard', label: '数据概览', permission: 'dashboard:read' }] },
  {
    key: 'catalog',
    label: '商品',
    icon: <AppstoreOutlined />,
    items: [
      { key: '/products', label: '商品', permission: 'catalog:read' },
      { key: '/categories', label: '分类', permission: 'catalog:read' },
      { key: '/banners', label: '轮播图', permission: 'catalog:read' },
      { key: '/reviews', label: '评价', permission: 'reviews:read' },
    ],
  },
  {
    key: 'orders',
    label: '订单',
    icon: <ShoppingCartOutlined />,
    items: [
      { key: '/orders', label: '订单', permission: 'orders:read' },
      { key: '/refunds', label: '退款', permission: 'orders:read' },
      { key: '/after-sales', label: '售后', permission: 'orders:read' },
      { key: '/plan-deliveries', label: '周期购配送', permission: 'plans:read' },
    ],
  },
  {
    key: 'marketing',
    label: '营销',
    icon: <GiftOutlined />,
    items: [
      { key: '/promotions', label: '活动', permission: 'marketing:read' },
      { key: '/coupons', label: '优惠券', permission: 'marketing:read' },
      { key: '/group-deals', label: '拼团', permission: 'marketing:read' },
    ],
  },
  {
    key: 'members',
    label: '会员与积分',
    icon: <CrownOutlined />,
    items: [
      { key: '/members', label: '会员', permission: 'marketing:read' },
      { key: '/points', label: '积分设置', permission: 'marketing:read' },
      { key: '/points/mall', label: '积分商城', permission: 'marketing:read' },
      { key: '/levels', label: '会员等级', permission: 'marketing:read' },
      { key: '/member-card', label: '会员卡', permission: 'levels:write' },
    ],
  },
  {
    key: 'stores',
    label: '门店',
    icon: <ShopOutlined />,
    items: [
      { key: '/stores', label: '门店管理', permission: 'stores:read' },
      { key: '/pickups', label: '自提核销', permission: 'pickups:verify' },
    ],
  },
  {
    key: 'promoters',
    label: '推广员',
    icon: <ShareAltOutlined />,
    items: [
      { key: '/promoters', label: '推广员列表', permission: 'promoters:read' },
      { key: '/promoters/settings', label: '推广设置', permission: 'promoters:read' },
      { key: '/withdrawals', label: '提现审核', permission: 'promoters:read' },
    ],
  },
  { key: 'rentals', label: '租赁', icon: <SwapOutlined />, items: [{ key: '/rentals', label: '租赁订单', permission: 'orders:read' }] },
  { key: 'messages', label: '消息与通知', icon: <NotificationOutlined />, items: [{ key: '/messages', label: '消息与通知', permission: 'messages:read' }] },
  {
    key: 'staff',
    label: '员工与日志',
    icon: <TeamOutlined />,
    items: [
      { key: '/staff', label: '员工', permission: 'staff:manage' },
      { key: '/audit', label: '操作日志', permission: 'audit:read' },
    ],
  },
]

export function ConsoleLayout({ children }: { children: ReactNode }) {
  const { me, allowed, logout } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const screens = Grid.useBreakpoint()
  // Below lg (a tablet in portrait) the menu starts folded to its icons.
  const [collapsed, setCollapsed] = useState<boolean | null>(null)
  const folded = collapsed ?? !screens.lg

  const items: MenuProps['items'] = useMemo(
    () =>
      MENU.map((g) => ({ ...g, items: g.items.filter((i) => allowed(i.permission)) }))
        .filter((g) => g.items.length > 0)
        .map((g) =>
          g.items.length === 1
            ? { key: g.items[0].key, icon: g.icon, label: g.label }
            : { key: g.key, icon: g.icon, label: g.label, children: g.items.map((i) => ({ key: i.key, label: i.label })) },
        ),
    [allowed],
  )

  const all = MENU.flatMap((g) => g.items.map((i) => ({ ...i, group: g.key })))
  const current = all.filter((i) => location.pathname === i.key || location.pathname.startsWith(i.key + '/')).sort((a, b) => b.key.length - a.key.length)[0]
  const [openKeys, setOpenKeys] = useState<string[]>(current ? [current.group] : [])

  const userMenu: MenuProps['items'] = [
    ...(me?.kind === 'staff' ? [{ key: 'password', icon: <UserOutlined />, label: '修改密码' }] : []),
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
  ]

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsible
        collapsed={folded}
        onCollapse={(c) => setCollapsed(c)}
        trigger={null}
        width={208}
        collapsedWidth={64}
        className="no-print"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div className="console-logo">{folded ? 'Duet' : 'Duet 商家后台'}</div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={current ? [current.key] : []}
          openKeys={folded ? undefined : openKeys}
          onOpenChange={setOpenKeys}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="console-header no-print">
          <Button type="text" aria-label={folded ? '展开菜单' : '收起菜单'} icon={folded ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={() => setCollapsed(!folded)} />
          <Dropdown
            // Click, not hover: a tablet has no hover.
            trigger={['click']}
            menu={{
              items: userMenu,
              onClick: async (e) => {
                if (e.key === 'logout') {
                  await logout()
                  navigate('/login', { replace: true })
                } else navigate('/password')
              },
            }}
          >
            <Space className="console-user" style={{ cursor: 'pointer' }}>
              <Avatar size="small" icon={<UserOutlined />} />
              <span>{me?.username}</span>
              {me && <Tag color={me.role === 'owner' ? 'red' : me.role === 'operator' ? 'blue' : 'green'}>{ROLE_LABELS[me.role]}</Tag>}
            </Space>
          </Dropdown>
        </Layout.Header>
        <Layout.Content className="console-content">{children}</Layout.Content>
      </Layout>
    </Layout>
  )
}
