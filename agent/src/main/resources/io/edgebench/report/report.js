// edgebench report: builds the charts from the data block with Apache ECharts (inlined above, SVG renderer so the
// page stays crisp when printed and its charts can be checked in the DOM). No network access: everything is inline.
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); showErrors(); });
  function showErrors() {
    var box = document.getElementById('report-errors');
    box.textContent = 'Chart errors: ' + errors.join('; ');
    box.hidden = false;
  }
  var data = JSON.parse(document.getElementById('edgebench-data').textContent);
  var lanes = data.lanes;
  var names = lanes.map(function (l) { return l.device + ' · ' + l.label; });
  var base = { animation: false, textStyle: { fontFamily: 'DejaVu Sans, Arial, sans-serif' },
    tooltip: { trigger: 'item' }, grid: { left: 90, right: 24, top: 50, bottom: 30, containLabel: true } };
  var drawn = 0;

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var c = echarts.init(el, null, { renderer: 'svg' });
    // Laid out again on every resize: a phone (or a headless screenshot) may size the page after it loaded.
    function layout() {
      // upright one-line lane labels need the height a 340 px chart does not have
      el.style.height = crowded(option, el.clientWidth) ? '560px' : '';
      c.resize();
      c.setOption(fit(option, el.clientWidth), true);
    }
    layout();
    window.addEventListener('resize', layout);
    drawn++;
  }
  // Narrow screens (a phone): titles wrap instead of being clipped; crowded axis labels go on one line, upright.
  function fit(option, w) {
    var narrow = w < 600, opt = Object.assign({}, base, option), titleLines = 1;
    if (option.title) {
      var wrapped = wrap(option.title.text, Math.floor((w - 16) / 8));
      titleLines = wrapped.split('\n').length;
      opt.title = Object.assign({}, option.title, { text: wrapped,
        textStyle: Object.assign({}, option.title.textStyle, { lineHeight: 18 }) });
      if (titleLines > 1 && option.legend && option.legend.bottom == null) {
        opt.legend = Object.assign({}, option.legend, { top: 10 + 18 * titleLines });
      }
    }
    // Crowded too: bars narrower than their multi-line labels (many lanes in a half-width chart at 1400 px).
    if (crowded(option, w)) {
      opt.xAxis = Object.assign({}, option.xAxis, { axisLabel: Object.assign({}, option.xAxis.axisLabel, {
        rotate: 90, hideOverlap: true,
        formatter: function (full) { return shortName(full).replace(/\n+/g, ' ').trim(); } }) });
    }
    if (narrow || titleLines > 1) {
      opt.grid = Object.assign({}, base.grid, option.grid, { top: (opt.legend && opt.legend.top != null ? 54 : 30) + 18 * titleLines });
      if (narrow) { opt.grid.left = 40; opt.grid.right = 12; } // 40: room for the y axis name
    }
    return opt;
  }
  // Lane labels on a category axis that do not fit as written: a phone, or bars narrower than their labels.
  function crowded(option, w) {
    return !!(option.xAxis && option.xAxis.type === 'category' && option.xAxis.data
      && (w < 600 || w / option.xAxis.data.length < 110));
  }
  // ECharts clips a title wider than its chart: break it at spaces, about 8 px per character at 14 px.
  function wrap(text, chars) {
    var lines = [], line = '';
    String(text).split(' ').forEach(function (word) {
      if (line && (line + ' ' + word).length > chars) { lines.push(line); line = word; } else { line = line ? line + ' ' + word : word; }
    });
    lines.push(line);
    return lines.join('\n');
  }
  function ms(us) { return us == null ? null : us / 1000; }
  function measured(key) { return lanes.filter(function (l) { return l[key] != null; }); }
  function laneName(l) { return l.device + ' · ' + l.label; }
  // Axis labels: device, then runtime:delegate (and the model only when lanes ran several models).
  var models = {};
  // a .tflite, its _edgetpu twin and its .onnx export are one model here: the runtime tells them apart
  lanes.forEach(function (l) { models[l.label.split(' ')[0].replace(/(_edgetpu)?\.(tflite|onnx)$/, '')] = true; });
  var oneModel = Object.keys(models).length <= 1;
  function shortName(full) {
    var dev = full.split(' · ')[0], parts = full.split(' · ').slice(1).join(' · ').split(' ');
    return dev + '\n' + (oneModel ? '' : parts[0] + '\n') + parts.slice(1).join(' ');
  }
  var axisLabel = { interval: 0, fontSize: 9, rotate: oneModel ? 0 : 30, formatter: shortName };
  // Error bars (confidence intervals, energy uncertainty) as a custom series: a vertical line with caps.
  function errorBars(pairs) {
    return { type: 'custom', name: '95 % CI', z: 5, tooltip: { show: false },
      renderItem: function (params, api) {
        var x = api.value(0), lo = api.coord([x, api.value(1)]), hi = api.coord([x, api.value(2)]);
        var w = api.size([1, 0])[0] * 0.15;
        var s = { stroke: '#222', lineWidth: 1.5 };
        return { type: 'group', children: [
          { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: s },
          { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style: s },
          { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style: s }] };
      },
      encode: { x: 0, y: [1, 2] }, data: pairs };
  }
  function barChart(id, title, unit, rows, value, interval) {
    if (!rows.length) { return; }
    var series = [{ type: 'bar', name: title, data: rows.map(value), itemStyle: { color: '#4477aa' } }];
    var bars = [];
    rows.forEach(function (l, i) { var iv = interval && interval(l); if (iv) { bars.push([i, iv[0], iv[1]]); } });
    if (bars.length) { series.push(errorBars(bars)); }
    chart(id, { title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      xAxis: { type: 'category', data: rows.map(laneName), axisLabel: axisLabel },
      yAxis: { type: 'value', name: unit }, series: series });
  }

  // Latency distribution: the percentiles each result carries, as a CDF per lane.
  chart('chart-cdf', { title: { text: 'Latency distribution (CDF from min, p50 … p99.9, max)', left: 'center',
      textStyle: { fontSize: 14 } }, tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0, data: names },
    grid: { left: 60, right: 24, top: 40, bottom: 70, containLabel: true },
    xAxis: { type: 'log', name: 'latency (ms)', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', name: 'fraction of runs', min: 0, max: 1 },
    series: lanes.filter(function (l) { return l.cdf.length; }).map(function (l) {
      return { type: 'line', name: laneName(l), step: false, showSymbol: true, symbolSize: 5,
        data: l.cdf.map(function (p) { return [p[0] / 1000, p[1]]; }) };
    }) });

  var lat = measured('p50_us');
  if (lat.length) {
    var series = [{ type: 'bar', name: 'p50', data: lat.map(function (l) { return ms(l.p50_us); }) },
      { type: 'scatter', name: 'p99', symbol: 'diamond', symbolSize: 12,
        data: lat.map(function (l) { return ms(l.p99_us); }) }];
    var ci = [];
    lat.forEach(function (l, i) {
      if (l.p50_ci_us) { ci.push([i, l.p50_ci_us.lo / 1000, l.p50_ci_us.hi / 1000]); }
    });
    if (ci.length) { series.push(errorBars(ci)); }
    chart('chart-latency', { title: { text: 'p50 (with its 95 % CI when present) and p99 latency', left: 'center',
        textStyle: { fontSize: 14 } }, legend: { top: 20 },
      xAxis: { type: 'category', data: lat.map(laneName), axisLabel: axisLabel },
      yAxis: { type: 'value', name: 'ms' }, series: series });
  }
  barChart('chart-throughput', 'Throughput', 'inferences/s', measured('throughput_ips'),
    function (l) { return l.throughput_ips; });
  barChart('chart-energy', 'Energy per inference', 'mJ', measured('energy_per_inference_mj'),
    function (l) { return l.energy_per_inference_mj; },
    function (l) { return l.energy_uncertainty_mj == null ? null
      : [l.energy_per_inference_mj - l.energy_uncertainty_mj, l.energy_per_inference_mj + l.energy_uncertainty_mj]; });
  var init = measured('init_us');
  if (init.length) {
    chart('chart-init', { title: { text: 'Load, init and first inference', left: 'center', textStyle: { fontSize: 14 } },
      legend: { top: 20 },
      xAxis: { type: 'category', data: init.map(laneName), axisLabel: axisLabel },
      yAxis: { type: 'value', name: 'ms' },
      series: [['load', 'load_us'], ['init', 'init_us'], ['first inference', 'first_inference_us']].map(function (s) {
        return { type: 'bar', stack: 'startup', name: s[0], data: init.map(function (l) { return ms(l[s[1]]); }) };
      }) });
  }
  barChart('chart-memory', 'Peak memory of the worker (VmHWM)', 'MiB', measured('peak_rss_mb'),
    function (l) { return Math.round(l.peak_rss_mb * 10) / 10; });

  // Op profiles: share of time per op type, one stacked bar per lane that has a profile.
  var profiled = lanes.filter(function (l) { return l.op_profile && l.op_profile.length; });
  if (profiled.length) {
    var ops = [];
    profiled.forEach(function (l) { l.op_profile.forEach(function (o) {
      var n = o.op || o.op_type || o.name; if (ops.indexOf(n) < 0) { ops.push(n); } }); });
    chart('chart-ops', { title: { text: 'Op profile: share of inference time per op', left: 'center',
        textStyle: { fontSize: 14 } }, legend: { type: 'scroll', bottom: 0 },
      grid: { left: 60, right: 24, top: 40, bottom: 70, containLabel: true },
      xAxis: { type: 'value', max: 1, name: 'share' }, yAxis: { type: 'category', data: profiled.map(laneName), axisLabel: { fontSize: 9, formatter: function (v) { return shortName(v).replace(/\n/g, ' '); } } },
      series: ops.map(function (n) { return { type: 'bar', stack: 'ops', name: n, data: profiled.map(function (l) {
        var o = l.op_profile.filter(function (p) { return (p.op || p.op_type || p.name) === n; })[0];
        return o ? (o.share != null ? o.share : null) : 0; }) }; }) });
  }

  // Temperature and power over each run, one chart per device, lanes side by side in time.
  data.devices.forEach(function (d, di) {
    var own = lanes.filter(function (l) { return l.device === d && l.trace.t_s.length; });
    if (!own.length) { return; }
    var s = [];
    own.forEach(function (l) {
      if (l.trace.temp_c.some(function (v) { return v != null; })) {
        s.push({ type: 'line', name: l.label + ' temp', yAxisIndex: 0, showSymbol: false,
          data: l.trace.t_s.map(function (t, i) { return [t, l.trace.temp_c[i]]; }) });
      }
      if (l.trace.power_w.some(function (v) { return v != null; })) {
        s.push({ type: 'line', name: l.label + ' power', yAxisIndex: 1, showSymbol: false, lineStyle: { type: 'dashed' },
          data: l.trace.t_s.map(function (t, i) { return [t, l.trace.power_w[i]]; }) });
      }
    });
    chart('chart-trace-' + di, { title: { text: d + ': temperature and power over each run', left: 'center',
        textStyle: { fontSize: 14 } }, tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 },
      grid: { left: 60, right: 60, top: 40, bottom: 70, containLabel: true },
      xAxis: { type: 'value', name: 's into the timed window', nameLocation: 'middle', nameGap: 28 },
      yAxis: [{ type: 'value', name: '°C', scale: true }, { type: 'value', name: 'W', scale: true }], series: s });
  });
  document.body.setAttribute('data-charts-drawn', String(drawn));
  // How far the page is wider than the window: 0 when every wide table scrolls inside its own box, so a phone reader
  // never pans the whole page sideways; the report's browser test reads it at desktop and phone widths.
  var root = document.documentElement;
  document.body.setAttribute('data-overflow-px', String(Math.max(0, root.scrollWidth - root.clientWidth)));
  if (errors.length) { showErrors(); }
})();
