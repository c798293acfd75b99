// Council's analytics: draws each figures table of the page as a chart with ECharts (the webjar,
// loaded before this file). The tables stay: they are what screen readers and print read. A chart
// reads its table's data-value cells only, so the chart and its table cannot disagree.
(function () {
  'use strict';

  var PALETTE = ['#1d4f91', '#c46a0b', '#a32020', '#3c7a3c', '#6b4c9a'];

  function cells(row) {
    return Array.prototype.map.call(row.querySelectorAll('[data-value]'), function (cell) {
      return cell.getAttribute('data-value');
    });
  }

  function read(table) {
    var rows = Array.prototype.map.call(table.tBodies[0].rows, cells);
    var series = Array.prototype.map.call(table.tHead.querySelectorAll('[data-series]'), function (th) {
      return th.getAttribute('data-series');
    });
    return {
      labels: rows.map(function (r) { return r[0]; }),
      columns: rows.length === 0 ? [] : rows[0].slice(1).map(function (_, i) {
        return rows.map(function (r) { return Number(r[i + 1]); });
      }),
      series: series
    };
  }

  function options(kind, data) {
    var base = {
      color: PALETTE,
      animation: false,
      grid: { left: 48, right: 16, top: 36, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.labels },
      yAxis: { type: 'value', minInterval: 1 }
    };
    if (kind === 'bar' || kind === 'categories') {
      base.series = [{ type: 'bar', data: data.columns[0], label: { show: true, position: 'top' } }];
      base.grid.top = 24;
    } else if (kind === 'line') {
      base.legend = { data: data.series, top: 0 };
      base.series = data.series.map(function (name, i) {
        return { name: name, type: 'line', data: data.columns[i], symbolSize: 8 };
      });
      base.yAxis.name = 'days';
    } else if (kind === 'stacked') {
      base.legend = { data: data.series, top: 0 };
      base.series = data.series.map(function (name, i) {
        return { name: name, type: 'bar', stack: 'reports', data: data.columns[i] };
      });
      base.color = ['#3c7a3c', '#c46a0b', '#a32020'];
    }
    return base;
  }

  function draw() {
    if (typeof echarts === 'undefined') {
      return;
    }
    var charts = [];
    document.querySelectorAll('.chart[data-table]').forEach(function (element) {
      var table = document.getElementById(element.getAttribute('data-table'));
      if (!table) {
        element.hidden = true;
        return;
      }
      // shown before it is drawn: ECharts takes the size the element has
      element.classList.add('drawn');
      var chart = echarts.init(element, null, { renderer: 'svg' });
      chart.setOption(options(element.getAttribute('data-chart'), read(table)));
      charts.push(chart);
    });
    window.addEventListener('resize', function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
}());
