import { useState } from 'react'
import ReactEChartsCore from 'echarts-for-react/lib/core'
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, DatasetComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'

// Only what the dashboard draws: line and bar charts on canvas (keeps the chunk small).
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, DatasetComponent, CanvasRenderer])

/**
 * A chart; `data-drawn="true"` once ECharts says its drawing (animation included) has finished,
 * so a test or a screenshot can wait on that instead of on time.
 */
export function Chart({ option, height = 300, label }: { option: EChartsCoreOption; height?: number; label: string }) {
  const [drawn, setDrawn] = useState(false)
  return (
    <div role="img" aria-label={label} className="chart-box" data-drawn={drawn ? 'true' : 'false'} style={{ height }}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        lazyUpdate
        style={{ height: '100%', width: '100%' }}
        opts={{ renderer: 'canvas' }}
        onEvents={{ finished: () => setDrawn(true) }}
      />
    </div>
  )
}
