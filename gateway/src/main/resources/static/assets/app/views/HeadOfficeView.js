// 总部 — head office (R-RPT-6): every site side by side — the month's 集团各案场销售汇总表 ranked, with
// its .xlsx, and the trend of the amount subscribed by month (ECharts) — then each site's rotation
// and sales-control boards, and the units by status across the sites as a chart.
// Read-only: HEAD_OFFICE reads every site and changes none.
import { api, seg, download } from '../api.js';
import { useAction } from '../forms.js';
import { ReportTables } from '../components/ReportTables.js';
import { trendOption } from './ReportsView.js';
import { store } from '../store.js';
import { RotationPanel } from '../components/RotationPanel.js';
import { UnitGrid } from '../components/UnitGrid.js';
import { UNIT_COLOURS, UNIT_STATUSES } from '../components/common.js';
import { Chart } from '../components/Chart.js';

const { reactive, computed, onMounted, onUnmounted } = Vue;
const { useI18n } = VueI18n;

const REFRESH_MS = 30_000;

export const HeadOfficeView = {
  name: 'HeadOfficeView',
  components: { RotationPanel, UnitGrid, EChart: Chart, ReportTables },
  setup() {
    const { t } = useI18n();
    const state = reactive({ sites: {}, loadedAt: Date.now(), overview: null, trend: null, problem: null });
    async function loadReports() {
      try {
        const [overview, trend] = await Promise.all([
          api.get('/api/reports/head-office?period=MONTH'),
          api.get('/api/reports/head-office/trends?unit=MONTH&count=12&measure=subscribedAmount'),
        ]);
        state.overview = overview;
        state.trend = trend;
        state.problem = null;
      } catch (error) {
        state.problem = error;
      }
    }
    const xlsx = useAction(() => download('/api/reports/head-office?period=MONTH&format=xlsx', 'head-office.xlsx'));
    const trendChart = computed(() => trendOption(state.trend));
    async function loadSite(site) {
      const code = site.code;
      if (!state.sites[code]) state.sites[code] = { site, rotation: null, boards: [], problem: null };
      const entry = state.sites[code]; // the reactive one
      try {
        const [rotation, buildings] = await Promise.all([
          api.get(`/api/reception/sites/${seg(code)}/rotation`),
          api.get(`/api/deals/sites/${seg(code)}/buildings`),
        ]);
        entry.rotation = rotation;
        entry.boards = await Promise.all((buildings || []).map((b) => api.get(`/api/deals/sites/${seg(code)}/buildings/${seg(b.code)}/board`)));
        entry.problem = null;
      } catch (error) {
        entry.problem = error;
      }
    }
    const load = async () => {
      await Promise.all([...store.sites.map(loadSite), loadReports()]);
      state.loadedAt = Date.now();
    };
    let timer;
    onMounted(() => {
      load();
      timer = setInterval(() => { if (!document.hidden) load(); }, REFRESH_MS);
    });
    onUnmounted(() => clearInterval(timer));

    const count = (entry, status) => entry.boards.reduce((n, board) => n + board.floors.reduce((m, f) => m + f.units.filter((u) => u.status === status).length, 0), 0);
    const option = computed(() => {
      const entries = Object.values(state.sites);
      return {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: entries.map((e) => e.site.name) },
        series: UNIT_STATUSES.map((status) => ({
          name: t(`unit.status.${status}`), type: 'bar', stack: 'units', color: UNIT_COLOURS[status],
          label: { show: true, formatter: (p) => (p.value ? p.value : '') }, data: entries.map((e) => count(e, status)),
        })),
      };
    });
    return { store, state, option, load, xlsx, trendChart };
  },
  template: `
  <div class="screen hq" data-test="head-office">
    <div class="screen-head">
      <h1>{{ $t('hq.title') }}</h1>
      <div class="head-actions"><a-button @click="load">{{ $t('app.refresh') }}</a-button></div>
    </div>
    <problem-alert :problem="state.problem" />
    <section class="panel" v-if="state.overview" data-test="hq-overview">
      <h2>{{ state.overview.title }}
        <a-button size="small" class="gap-left" data-test="hq-xlsx" :loading="xlsx.state.busy" @click="xlsx.act()">{{ $t('reports.xlsx') }}</a-button></h2>
      <problem-alert :problem="xlsx.state.problem" />
      <e-chart v-if="trendChart" :option="trendChart" :label="state.trend.title" />
      <report-tables :report="state.overview" />
    </section>
    <section class="panel gap-top">
      <h2>{{ $t('hq.units') }}</h2>
      <e-chart :option="option" :label="$t('hq.units')" />
    </section>
    <div class="boards">
      <section v-for="entry in state.sites" :key="entry.site.code" class="panel" data-test="hq-site" :data-site="entry.site.code">
        <h2>{{ entry.site.name }} <span class="muted small">{{ entry.site.code }}</span></h2>
        <problem-alert :problem="entry.problem" />
        <h3 class="subhead">{{ $t('hq.rotation') }}</h3>
        <rotation-panel v-if="entry.rotation" :rotation="entry.rotation" :loaded-at="state.loadedAt" :staff="entry.site.staff" compact />
        <template v-for="board in entry.boards" :key="board.building">
          <h3 class="subhead">{{ $t('hq.board', { name: board.name }) }}</h3>
          <unit-grid :board="board" :selectable="false" />
        </template>
      </section>
    </div>
  </div>`,
};
