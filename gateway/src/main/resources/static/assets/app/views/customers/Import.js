// 导入与导出 — the MANAGER imports the office's existing customers from .xlsx or CSV (R-CUS-2, R-CUS-3):
// 档案编号, 姓名, 电话, 电话2, 来源, 置业顾问, 登记日期; every wrong row is shown with its problem and
// nothing is imported unless every row is right; a right file is written in the background and its
// progress shown. The export of the archive (phones masked) is on the audit trail (R-CUS-13).
import { api, request, download, seg } from '../../api.js';
import { archiveAbilities } from '../../archive-access.js';
import { store, staffName, zone } from '../../store.js';
import { useAction } from '../../forms.js';
import { dateTime } from '../../format.js';

const { ref, reactive, computed, onMounted, onUnmounted } = Vue;
const { useI18n } = VueI18n;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 4 << 20;

export const Import = {
  name: 'Import',
  setup() {
    const { t, locale } = useI18n();
    const site = store.site;
    const base = `/api/customers/sites/${seg(site)}`;
    const can = computed(() => archiveAbilities(store.user, site));
    const state = reactive({ imports: [], problem: null, fileProblem: '', exported: null });
    const file = ref(null);
    let timer = null;
    async function load() {
      try {
        if (can.value.readImports) state.imports = await api.get(`${base}/imports`) || [];
        state.problem = null;
        if (state.imports.some((j) => j.status !== 'COMPLETED')) timer = setTimeout(load, 1000);
      } catch (error) {
        state.problem = error;
      }
    }
    onMounted(load);
    onUnmounted(() => clearTimeout(timer));
    const choose = (event) => {
      const chosen = event.target.files?.[0] || null;
      state.fileProblem = !chosen ? '' : !/\.(xlsx|csv)$/i.test(chosen.name) ? t('validation.file')
        : chosen.size > MAX_BYTES ? t('validation.importTooLarge') : '';
      file.value = state.fileProblem ? null : chosen;
    };
    const upload = useAction(async () => {
      if (!file.value) { state.fileProblem = t('validation.file'); return null; }
      const type = /\.xlsx$/i.test(file.value.name) ? XLSX : 'text/csv';
      const job = await request('POST', `${base}/imports?fileName=${encodeURIComponent(file.value.name.slice(0, 100))}`, { body: file.value, contentType: type });
      clearTimeout(timer);
      await load();
      return job;
    });
    const exportIt = useAction(async () => { state.exported = await download(`${base}/exports/customers.csv`, `customers-${site}.csv`); return state.exported; });
    return { can, state, choose, upload, exportIt, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="import">
    <problem-alert :problem="state.problem" />
    <template v-if="can.importCustomers">
      <h3 class="subhead">{{ $t('imports.title') }}</h3>
      <p class="muted small">{{ $t('imports.hint') }}</p>
      <input type="file" accept=".xlsx,.csv" @change="choose" data-test="import-file" class="file-input" />
      <p v-if="state.fileProblem" class="field-error">{{ state.fileProblem }}</p>
      <a-button type="primary" class="gap-top" :loading="upload.state.busy" @click="upload.act()" data-test="import-send">{{ $t('imports.send') }}</a-button>
      <problem-alert :problem="upload.state.problem" class="gap-top" />
      <p v-if="upload.state.result" class="small" data-test="import-accepted" :data-id="upload.state.result.id">{{ $t('imports.accepted', { n: upload.state.result.total }) }}</p>
    </template>
    <template v-if="can.readImports">
      <h3 class="subhead">{{ $t('imports.list') }}</h3>
      <a-empty v-if="!state.imports.length" :description="$t('imports.none')" />
      <p v-for="j in state.imports" :key="j.id" class="small" data-test="import-job" :data-id="j.id" :data-status="j.status" :data-imported="j.imported">
        {{ j.fileName }} · {{ dateTime(j.at, zone(), locale) }} · {{ staffName(j.by) }} · <a-tag>{{ $t('imports.states.' + j.status) }}</a-tag>
        {{ $t('imports.counts', { total: j.total, imported: j.imported, unchanged: j.unchanged }) }}</p>
    </template>
    <template v-if="can.exportCustomers">
      <h3 class="subhead">{{ $t('imports.export') }}</h3>
      <p class="muted small">{{ $t('imports.exportHint') }}</p>
      <a-button :loading="exportIt.state.busy" @click="exportIt.act()" data-test="export">{{ $t('imports.exportIt') }}</a-button>
      <problem-alert :problem="exportIt.state.problem" />
      <p v-if="state.exported" class="small" data-test="exported">{{ $t('reports.downloaded', { name: state.exported.name }) }}</p>
    </template>
  </div>`,
};
