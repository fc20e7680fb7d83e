// 跟进检查 — the SUPERVISOR's check of the tracking forms (R-CUS-5): every rep's overdue follow-ups,
// by rep; the card (a click away) is where a follow-up is checked.
import { api, seg } from '../../api.js';
import { store, staffName } from '../../store.js';

const { reactive, computed, onMounted } = Vue;

export const Overdue = {
  name: 'Overdue',
  setup() {
    const state = reactive({ byRep: {}, problem: null, loading: true });
    async function load() {
      state.loading = true;
      try {
        state.byRep = await api.get(`/api/customers/sites/${seg(store.site)}/follow-ups/overdue`) || {};
        state.problem = null;
      } catch (error) {
        state.problem = error;
      } finally {
        state.loading = false;
      }
    }
    onMounted(load);
    const reps = computed(() => Object.entries(state.byRep).map(([rep, items]) => ({ rep, items })).sort((a, b) => b.items.length - a.items.length));
    const total = computed(() => reps.value.reduce((n, r) => n + r.items.length, 0));
    return { state, reps, total, load, staffName };
  },
  template: `
  <div data-test="overdue-check">
    <p class="muted small">{{ $t('checks.hint') }}</p>
    <problem-alert :problem="state.problem" />
    <p data-test="overdue-total" :data-total="total"><strong>{{ $t('checks.total', { n: total }) }}</strong></p>
    <a-empty v-if="!state.loading && !reps.length" :description="$t('checks.none')" />
    <div v-for="r in reps" :key="r.rep" class="gap" data-test="overdue-rep" :data-rep="r.rep" :data-count="r.items.length">
      <h3 class="subhead">{{ staffName(r.rep) }} <a-badge :count="r.items.length" /></h3>
      <a-list :data-source="r.items" size="small">
        <template #renderItem="{ item }">
          <a-list-item :data-archive-no="item.archiveNo">
            <a-list-item-meta>
              <template #title><router-link :to="'/customers/' + encodeURIComponent(item.customerId)">{{ item.name || item.archiveNo }}</router-link>
                <a-tag color="blue">{{ item.intentClass }}</a-tag> <a-tag color="red">{{ $t('customers.dueOn', { day: item.dueOn }) }}</a-tag></template>
              <template #description>{{ item.archiveNo }} · {{ item.phoneMasked }} · {{ item.nextStep || '—' }}</template>
            </a-list-item-meta>
          </a-list-item>
        </template>
      </a-list>
    </div>
  </div>`,
};
