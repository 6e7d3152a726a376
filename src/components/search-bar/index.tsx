import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import './index.scss'

export interface SearchBarProps {
  value?: string
  placeholder?: string
  onSearch: (q: string) => void
  /** Given: the bar is a fake one (home page) that only reports taps. */
  onClick?: () => void
  autoFocus?: boolean
}

export default function SearchBar({ value = '', placeholder = '搜索商品', onSearch, onClick, autoFocus = false }: SearchBarProps) {
  const [text, setText] = useState(value)
  // Follow the value prop when the parent changes it (a history tag was tapped).
  const [seen, setSeen] = useState(value)
  if (value !== seen) {
    setSeen(value)
    setText(value)
  }

  if (onClick) {
    return (
      <View className="search-bar search-bar--fake" onClick={onClick}>
        <View className="search-bar__box">
          <Text className="search-bar__icon">⌕</Text>
          <Text className="search-bar__placeholder">{value || placeholder}</Text>
        </View>
      </View>
    )
  }

  const submit = (q: string) => onSearch(q.trim())
  return (
    <View className="search-bar">
      <View className="search-bar__box">
        <Text className="search-bar__icon">⌕</Text>
        <Input
          className="search-bar__input search-input"
          value={text}
          placeholder={placeholder}
          confirmType="search"
          focus={autoFocus}
          onInput={(e) => setText(e.detail.value)}
          onConfirm={(e) => submit(e.detail.value)}
        />
        {text ? (
          <Text className="search-bar__clear" onClick={() => setText('')}>
            ×
          </Text>
        ) : null}
      </View>
      <Text className="search-bar__submit" onClick={() => submit(text)}>
        搜索
      </Text>
    </View>
  )
}
