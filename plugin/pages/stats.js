// 统计: the authorities' figures (GET /review/stats, docs/PRODUCT.md §10) drawn with ECharts (the
// prebuilt bundle the plugin embeds, loaded as `window.echarts` before this module). A reviewer
// or rechecker sees its province; a supervisor the whole country or one province.
import { $, boot, el, flash, fmtTime, getJson, meta, session } from './common.js';

const charts = {};

function chart(id, option) {
  charts[id] ??= window.echarts.init($(`#${id}`), null, { renderer: 'canvas' });
  charts[id].setOption(option, true);
}

const BAR = { type: 'bar', barMaxWidth: 36, label: { show: true, position: 'top' } };

function sum(items, key) { return items.reduce((n, p) => n + p[key], 0); }

function draw(stats, m) {
  $('#as-of').textContent = `统计时间：${fmtTime(stats.asOf)}`;
  for (const key of ['approvedInForce', 'pendingReview', 'rejected', 'expiringWithin30']) {
    $(`[data-figure="${key}"]`).textContent = String(sum(stats.byProvince, key));
  }
  $('[data-figure="medianReviewDays"]').textContent = stats.medianReviewDays ?? '–';

  const provinces = stats.byProvince.map((p) => p.provinceName);
  chart('chart-province', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 56, bottom: 30 },
    xAxis: { type: 'category', data: provinces },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { ...BAR, name: '审核通过（有效期内）', data: stats.byProvince.map((p) => p.approvedInForce) },
      { ...BAR, name: '待审核', data: stats.byProvince.map((p) => p.pendingReview) },
      { ...BAR, name: '审核不通过', data: stats.byProvince.map((p) => p.rejected) },
    ],
  });
  chart('chart-status', {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['35%', '65%'], label: { formatter: '{b}: {c}' },
      data: stats.byStatus.map((s) => ({ name: m.statusMap.get(s.status) ?? s.status, value: s.count })),
    }],
  });
  chart('chart-months', {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 56 },
    xAxis: { type: 'category', data: stats.approvalsByMonth.map((x) => x.month), axisLabel: { interval: 0, rotate: 40 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ ...BAR, name: '审核通过', data: stats.approvalsByMonth.map((x) => x.count) }],
  });
  chart('chart-expiring', {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: provinces },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ ...BAR, name: '30日内到期', data: stats.byProvince.map((p) => p.expiringWithin30) }],
  });
}

async function load(m) {
  const province = $('#scope-province').value;
  const { data } = await getJson(`review/stats${province ? `?provinceCode=${encodeURIComponent(province)}` : ''}`);
  draw(data, m);
}

boot(async () => {
  const [m, { principal }] = await Promise.all([meta(), session()]);
  if (!['reviewer', 'rechecker', 'supervisor'].some((r) => principal.roles.includes(r))) {
    flash('只有商务主管部门可以查看统计');
    return;
  }
  if (principal.roles.includes('supervisor')) {
    $('#scope').hidden = false;
    $('#scope-province').append(...m.provinces.map((p) => el('option', { value: p.code }, p.name)));
    $('#scope-province').addEventListener('change', () => load(m).catch((e) => flash(e.message)));
  }
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  await load(m);
  document.body.dataset.drawn = 'true';  // for the browser test: every chart has its option
});
