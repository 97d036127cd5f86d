// Draws the dashboard's charts from the page's JSON data block (#dashboard-data). The same numbers are in the tables
// below the charts; if ECharts is missing or a chart fails, the tables remain.
(function () {
  'use strict';
  var block = document.getElementById('dashboard-data');
  if (!block || typeof echarts === 'undefined') {
    return;
  }

  var data = JSON.parse(block.textContent);
  var colours = { red: '#c0392b', amber: '#e0a800', green: '#2e8b57', none: '#b0b0b0' };
  var charts = [];

  // Axis labels take at most a share of the chart's width, so that on a phone the bars keep room; recomputed on resize.
  function labelWidth(el, max) {
    return Math.max(56, Math.min(max, Math.floor(el.clientWidth * 0.38)));
  }

  function ragSeries(rows) {
    function series(name, key, colour) {
      return {
        name: name, type: 'bar', stack: 'rag', itemStyle: { color: colour },
        emphasis: { focus: 'series' },
        data: rows.map(function (r) { return r.counts[key]; })
      };
    }
    return [
      series('红', 'red', colours.red),
      series('黄', 'amber', colours.amber),
      series('绿', 'green', colours.green),
      series('未开始', 'noColour', colours.none)
    ];
  }

  function draw(id, option, rows, widths) {
    var el = document.getElementById(id);
    if (!el) {
      return;
    }
    if (rows === 0) {
      el.classList.add('empty');
      el.textContent = '暂无数据（尚未报送）。';
      return;
    }
    if (rows > 12) {
      // One row per bar, so that every label shows (CSSOM is allowed by the CSP; style attributes are not).
      el.style.height = (rows * 20 + 70) + 'px';
    }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    // Tooltips drawn on the canvas: HTML tooltips would need inline styles, which the CSP forbids.
    option.tooltip = Object.assign({ renderMode: 'richText', trigger: 'axis', axisPointer: { type: 'shadow' } }, option.tooltip || {});
    option.animation = false;
    chart.setOption(option);
    if (widths) {
      chart.setOption(widths(el));
    }
    charts.push({ chart: chart, el: el, widths: widths });
  }

  function horizontalRag(id, rows) {
    draw(id, {
      legend: { top: 0 },
      grid: { left: 24, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map(function (r) { return r.label; }), axisLabel: { width: 160, overflow: 'truncate', interval: 0 } },
      series: ragSeries(rows)
    }, rows.length, function (el) { return { yAxis: { axisLabel: { width: labelWidth(el, 160) } } }; });
  }

  horizontalRag('chart-parts', data.parts);
  horizontalRag('chart-leaders', data.leaders);
  horizontalRag('chart-units', data.units);


  var targets = data.targets.filter(function (t) { return t.percent !== null; });
  draw('chart-targets', {
    legend: { top: 0 },
    grid: { left: 24, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: targets.map(function (t) { return t.number + ' ' + t.measure; }), axisLabel: { width: 200, overflow: 'truncate', interval: 0 } },
    series: [
      {
        name: '完成', type: 'bar',
        data: targets.map(function (t) {
          var c = t.rag === 'Red' ? colours.red : t.rag === 'Amber' ? colours.amber : colours.green;
          return { value: t.percent, itemStyle: { color: c } };
        })
      },
      { name: '序时进度', type: 'scatter', symbol: 'diamond', symbolSize: 10, itemStyle: { color: '#34495e' }, data: targets.map(function (t) { return t.expected; }) }
    ]
  }, targets.length, function (el) { return { yAxis: { axisLabel: { width: labelWidth(el, 200) } } }; });

  var late = data.lateUnits.slice(0, 20);
  draw('chart-late', {
    legend: { top: 0 },
    grid: { left: 24, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: late.map(function (u) { return u.name; }), axisLabel: { rotate: 30, interval: 0, width: 100, overflow: 'truncate' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '未报送', type: 'bar', stack: 'late', itemStyle: { color: colours.red }, data: late.map(function (u) { return u.missing; }) },
      { name: '逾期报送', type: 'bar', stack: 'late', itemStyle: { color: colours.amber }, data: late.map(function (u) { return u.late; }) }
    ]
  }, late.length === 0 ? 0 : 1, function (el) {
    // On a phone twenty names side by side only fit standing upright.
    var narrow = el.clientWidth < 600;
    return { xAxis: { axisLabel: { rotate: narrow ? 90 : 30, width: narrow ? 90 : 100, fontSize: narrow ? 11 : 12 } } };
  });

  // Charts follow the viewport (a phone turned, a window resized): new label widths, then the canvas's new size.
  window.addEventListener('resize', function () {
    charts.forEach(function (c) {
      if (c.widths) {
        c.chart.setOption(c.widths(c.el));
      }
      c.chart.resize();
    });
  });
})();
