// Walk-ins registered while customer-service did not answer (degraded mode): served by the
// rotation, their attribution pending until reconciled from the events.
import { api, seg } from '../../api.js';
import { store, staffName, zone } from '../../store.js';
import { dateTime } from '../../format.js';

const { ref, onMounted } = Vue;
const { useI18n } = VueI18n;

export const Pending = {
  name: 'Pending',
  setup() {
    const { locale } = useI18n();
    const list = ref([]);
    const problem = ref(null);
    const load = async () => {
      try {
        list.value = await api.get(`/api/reception/sites/${seg(store.site)}/visits?pending=true`) || [];
        problem.value = null;
      } catch (error) {
        problem.value = error;
      }
    };
    onMounted(load);
    return { list, problem, load, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="pending">
    <p class="muted">{{ $t('manager.pendingHint') }}</p>
    <problem-alert :problem="problem" />
    <a-empty v-if="!list.length" :description="$t('manager.noPending')" />
    <a-list v-else :data-source="list" size="small">
      <template #renderItem="{ item }">
        <a-list-item>
          <a-list-item-meta :title="dateTime(item.at, zone(), locale) + ' · ' + (item.customerName || '') + ' ' + item.phone" :description="item.rule" />
          <span>{{ item.stateName }} · {{ staffName(item.servedBy) }}</span>
        </a-list-item>
      </template>
    </a-list>
    <a-button class="gap-top" @click="load">{{ $t('app.refresh') }}</a-button>
  </div>`,
};
