// R-SEC-4: each service's hash-chained audit trail of the site (MANAGER, ADMIN): the latest
// entries, and a re-walk of the chain that finds an edited or removed entry.
import { api, seg } from '../../api.js';
import { store, staffName, zone } from '../../store.js';
import { useAction } from '../../forms.js';
import { dateTime } from '../../format.js';

const { ref, computed, watch, onMounted } = Vue;
const { useI18n } = VueI18n;

const SERVICES = ['reception', 'customers', 'deals', 'finance'];

export const Audit = {
  name: 'Audit',
  setup() {
    const { t, locale } = useI18n();
    const service = ref('reception');
    const entries = ref([]);
    const verification = ref(null);
    const base = () => `/api/${service.value}/sites/${seg(store.site)}/audit`;
    const load = useAction(async () => {
      entries.value = await api.get(`${base()}?limit=100`) || [];
      return entries.value;
    });
    const verify = useAction(async () => {
      verification.value = await api.get(`${base()}/verification`);
      return verification.value;
    });
    onMounted(() => load.act());
    watch(service, () => { verification.value = null; load.act(); });
    const options = computed(() => SERVICES.map((s) => ({ value: s, label: t(`manager.services.${s}`) })));
    const columns = computed(() => [
      { title: '#', dataIndex: 'seq', width: 60 },
      { title: t('manager.auditAt'), key: 'at', width: 140 },
      { title: t('manager.auditActor'), key: 'actor', width: 100 },
      { title: t('manager.auditAction'), dataIndex: 'action', width: 180 },
      { title: t('manager.auditSubject'), dataIndex: 'subject', ellipsis: true },
      { title: t('field.reason'), dataIndex: 'reason', ellipsis: true },
    ]);
    return { service, entries, verification, load, verify, options, columns, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="audit">
    <a-space wrap class="gap">
      <a-select v-model:value="service" :options="options" style="min-width: 10rem" />
      <a-button :loading="verify.state.busy" data-test="verify-audit" @click="verify.act()">{{ $t('manager.verifyChain') }}</a-button>
    </a-space>
    <problem-alert :problem="load.state.problem || verify.state.problem" />
    <a-alert v-if="verification" class="gap" show-icon data-test="audit-verification" :data-intact="verification.intact"
      :type="verification.intact ? 'success' : 'error'"
      :message="verification.intact ? $t('manager.intact', { n: verification.entries }) : $t('manager.broken', { seq: verification.firstBrokenSeq })"
      :description="verification.problem || ''" />
    <a-table :columns="columns" :data-source="entries" row-key="seq" size="small" :loading="load.state.busy" :scroll="{ x: 800 }"
      :pagination="{ pageSize: 20, hideOnSinglePage: true }">
      <template #bodyCell="{ column, record }">
        <template v-if="column.key === 'at'">{{ dateTime(record.at, zone(), locale) }}</template>
        <template v-else-if="column.key === 'actor'">{{ staffName(record.actor) }}</template>
      </template>
    </a-table>
  </div>`,
};
