// 客户 — the rep's customers (issue 14; R-CUS-1, 2, 5, 8): today's follow-ups due and overdue from the
// tracking forms, whom to greet today (birthdays solar or lunar, the festivals), and the archive
// searched by name, masked phone, archive number, class and status, a page at a time. A SUPERVISOR
// or the MANAGER reads any rep's lists; phones are masked everywhere (R-SEC-3).
import { api, seg } from '../api.js';
import { abilities } from '../access.js';
import { store, siteToday, staffName, receivers } from '../store.js';
import { useForm, useAction } from '../forms.js';
import { textProblem } from '../validate.js';
import { Plans } from './customers/Plans.js';
import { customerTabs } from '../archive-access.js';
import { Feedback } from './customers/Feedback.js';
import { Surveys } from './customers/Surveys.js';
import { Occasions } from './customers/Occasions.js';
import { Referrals } from './customers/Referrals.js';
import { Questions } from './customers/Questions.js';
import { MarketNotes } from './customers/MarketNotes.js';
import { Import } from './customers/Import.js';
import { DealArchive } from './customers/DealArchive.js';
import { Connections } from './customers/Connections.js';

const { ref, reactive, computed, onMounted } = Vue;
const { useI18n } = VueI18n;
const { useRoute, useRouter } = VueRouter;

const CLASSES = ['A', 'B', 'C', 'D'];
const STATUSES = ['RECORDED', 'CLASSIFIED', 'FOLLOWING', 'DEPOSIT', 'DEAL', 'LOST', 'OWNER', 'REFERRER'];

export const CustomersView = {
  name: 'CustomersView',
  components: { Plans, Feedback, Surveys, Occasions, Referrals, Questions, MarketNotes, Import, DealArchive, Connections },
  setup() {
    const { t } = useI18n();
    const route = useRoute();
    const router = useRouter();
    const site = store.site;
    const base = `/api/customers/sites/${seg(site)}`;
    const can = computed(() => abilities(store.user, site));
    // the tabs the user's roles may read at the site (archive-access.js customerTabs); head office the archive's only
    const tabs = computed(() => customerTabs(store.user, site).map((key) => ({ key })));
    const active = ref(tabs.value.some((x) => x.key === route.query.tab) ? route.query.tab : tabs.value[0]?.key);
    const rep = ref(can.value.anyRepsLists ? '' : store.user.id);
    const state = reactive({ today: null, greetings: [], archive: null, calls: [], problem: null, loading: false });
    const search = reactive({ name: '', phone: '', archiveNo: '', classes: [], statuses: [], mine: !can.value.anyRepsLists && can.value.followUpLists, page: 0 });

    function query(params) {
      const q = new URLSearchParams();
      for (const [key, value] of Object.entries(params)) {
        if (Array.isArray(value)) value.forEach((v) => q.append(key, v));
        else if (value !== '' && value !== null && value !== undefined) q.set(key, value);
      }
      const text = q.toString();
      return text ? `?${text}` : '';
    }
    async function load() {
      state.loading = true;
      state.problem = null;
      try {
        const who = rep.value || store.user.id;
        if (active.value === 'today') state.today = await api.get(`${base}/follow-ups/today${query({ rep: who })}`);
        if (active.value === 'greetings') state.greetings = await api.get(`${base}/greetings${query({ rep: who })}`) || [];
        if (active.value === 'calls') state.calls = await api.get(`${base}/call-lists`) || [];
        if (active.value === 'archive') {
          state.archive = await api.get(`${base}/archive${query({
            name: search.name.trim(), phone: search.phone.trim(), archiveNo: search.archiveNo.trim(), class: search.classes, status: search.statuses,
            owner: search.mine ? store.user.id : '', page: search.page, size: 20,
          })}`);
        }
      } catch (error) {
        state.problem = error;
      } finally {
        state.loading = false;
      }
    }
    onMounted(load);
    const choose = (key) => {
      active.value = key;
      router.replace({ query: { ...route.query, tab: key } });
      load();
    };
    const find = () => { search.page = 0; load(); };
    // the tabs of issue 14 read what they show when they open: refreshing opens them again
    const tick = ref(0);
    const refresh = () => { tick.value += 1; load(); };
    // R-OPS-4: the MANAGER's call lists of the day; the rep who calls records how it went
    const called = useAction(async (list, entry, outcome) => {
      const answer = await api.post(`${base}/call-lists/${seg(list.id)}/calls`, { customer: entry.customerId, outcome });
      const i = state.calls.findIndex((l) => l.id === list.id);
      if (i >= 0) state.calls[i] = answer;
      return answer;
    });
    const listing = useForm({
      key: null,
      initial: () => ({ purpose: 'INVITATION', customers: '' }),
      rules: { customers: (v) => textProblem(v, { required: true, max: 20000 }) },
      byType: { 'customer-unknown': 'customers', 'consent-withdrawn': 'customers', 'contact-withdrawn': 'customers' },
      submit: async (v) => {
        const entries = v.customers.split(/[\n,，、]/).map((x) => x.trim()).filter(Boolean).map((customer) => ({ customer }));
        const answer = await api.post(`${base}/call-lists/${siteToday()}/${v.purpose}/entries`, { entries });
        await load();
        return answer;
      },
    });
    const purposeOptions = computed(() => ['INVITATION', 'SIGNING', 'PAYMENT'].map((p) => ({ value: p, label: t('customers.purposes.' + p) })));
    const turn = (page) => { search.page = page - 1; load(); };
    const open = (id) => router.push(`/customers/${encodeURIComponent(id)}`);
    const repOptions = computed(() => receivers().map((m) => ({ value: m.userId, label: m.name })));
    const classOptions = CLASSES.map((c) => ({ value: c, label: c }));
    const statusOptions = computed(() => STATUSES.map((s) => ({ value: s, label: t('card.status.' + s) })));
    return { store, can, tabs, active, choose, rep, state, search, load, refresh, tick, find, turn, open, called, listing, purposeOptions, repOptions, classOptions, statusOptions, staffName, today: siteToday() };
  },
  template: `
  <div class="screen customers" data-test="customers">
    <div class="screen-head"><h1>{{ $t('customers.title') }} <span class="muted">{{ store.profile.name }}</span></h1>
      <div class="head-actions">
        <a-select v-if="can.anyRepsLists && ['today', 'greetings'].includes(active)" v-model:value="rep" :options="repOptions" allow-clear class="short-select"
          :placeholder="$t('customers.myOwn')" data-test="list-rep" @change="load" />
        <a-button @click="refresh" :loading="state.loading">{{ $t('app.refresh') }}</a-button>
      </div></div>
    <section class="panel">
      <a-tabs :active-key="active" @change="choose" data-test="customer-tabs">
        <a-tab-pane v-for="tab in tabs" :key="tab.key" :tab="$t('customers.tabs.' + tab.key)" />
      </a-tabs>
      <problem-alert :problem="state.problem" />

      <template v-if="active === 'today' && state.today">
        <h2>{{ $t('customers.due', { day: state.today.day }) }} <a-badge :count="state.today.due.length" show-zero :number-style="{ backgroundColor: '#0b5563' }" data-test="due-count" /></h2>
        <a-empty v-if="!state.today.due.length" :description="$t('customers.noneDue')" />
        <a-list v-else :data-source="state.today.due" size="small" data-test="due-list">
          <template #renderItem="{ item }">
            <a-list-item data-test="due-customer" :data-archive-no="item.archiveNo">
              <a-list-item-meta>
                <template #title><router-link :to="'/customers/' + encodeURIComponent(item.customerId)">{{ item.name || item.archiveNo }}</router-link>
                  <a-tag color="blue">{{ item.intentClass }}</a-tag> <span class="muted small">{{ item.archiveNo }} · {{ item.phoneMasked }}</span></template>
                <template #description>{{ $t('customers.nextStep') }}：{{ item.nextStep || '—' }}{{ item.objections ? ' · ' + $t('card.objections') + '：' + item.objections : '' }}</template>
              </a-list-item-meta>
            </a-list-item>
          </template>
        </a-list>
        <h2 class="gap-top">{{ $t('customers.overdue') }} <a-badge :count="state.today.overdue.length" show-zero data-test="overdue-count" /></h2>
        <a-empty v-if="!state.today.overdue.length" :description="$t('customers.noneOverdue')" />
        <a-list v-else :data-source="state.today.overdue" size="small" data-test="overdue-list">
          <template #renderItem="{ item }">
            <a-list-item data-test="overdue-customer" :data-archive-no="item.archiveNo">
              <a-list-item-meta>
                <template #title><router-link :to="'/customers/' + encodeURIComponent(item.customerId)">{{ item.name || item.archiveNo }}</router-link>
                  <a-tag color="red">{{ $t('customers.dueOn', { day: item.dueOn }) }}</a-tag></template>
                <template #description>{{ item.archiveNo }} · {{ item.phoneMasked }} · {{ item.nextStep || '—' }}</template>
              </a-list-item-meta>
            </a-list-item>
          </template>
        </a-list>
      </template>

      <template v-if="active === 'greetings'">
        <a-empty v-if="!state.greetings.length" :description="$t('customers.noGreetings')" />
        <a-list v-else :data-source="state.greetings" size="small" data-test="greetings">
          <template #renderItem="{ item }">
            <a-list-item data-test="greeting" :data-kind="item.kind" :data-archive-no="item.archiveNo">
              <a-list-item-meta>
                <template #title><router-link :to="'/customers/' + encodeURIComponent(item.customerId)">{{ item.name || item.archiveNo }}</router-link>
                  <a-tag :color="item.kind === 'BIRTHDAY' ? 'magenta' : 'gold'">{{ item.occasion }}</a-tag>
                  <a-tag v-if="item.owner" color="purple">{{ $t('customers.owner') }}</a-tag></template>
                <template #description>{{ item.phoneMasked }}{{ item.person ? ' · ' + item.person : '' }}
                  <span v-if="item.gift" data-test="gift">· {{ $t('customers.gift') }}：{{ $t('customers.gifts.' + item.gift.kind) }} {{ item.gift.note || '' }}</span></template>
              </a-list-item-meta>
            </a-list-item>
          </template>
        </a-list>
      </template>

      <template v-if="active === 'calls'">
        <a-empty v-if="!state.calls.length" :description="$t('customers.noCalls')" />
        <div v-for="list in state.calls" :key="list.id" class="gap" data-test="call-list" :data-purpose="list.purpose">
          <h3 class="subhead">{{ $t('customers.purposes.' + list.purpose) }} · {{ list.day }}</h3>
          <a-list :data-source="list.entries" size="small">
            <template #renderItem="{ item }">
              <a-list-item data-test="call-entry" :data-archive-no="item.archiveNo" :data-outcome="item.outcome || ''">
                <a-list-item-meta>
                  <template #title><router-link :to="'/customers/' + encodeURIComponent(item.customerId)">{{ item.name || item.archiveNo }}</router-link>
                    <span class="muted small"> {{ item.phoneMasked }} · {{ staffName(item.caller) }}</span></template>
                  <template #description>{{ item.note || '' }}<template v-if="item.outcome"> · {{ $t('customers.outcomes.' + item.outcome) }} {{ item.result || '' }}</template></template>
                </a-list-item-meta>
                <div v-if="!item.outcome" class="actions">
                  <a-button v-for="o in ['REACHED', 'AGREED', 'NO_ANSWER', 'DECLINED']" :key="o" size="small" :data-test="'call-' + o"
                    :loading="called.state.busy" @click="called.act(list, item, o)">{{ $t('customers.outcomes.' + o) }}</a-button>
                </div>
              </a-list-item>
            </template>
          </a-list>
        </div>
        <problem-alert :problem="called.state.problem" />
        <template v-if="can.recordMeeting">
          <h3 class="subhead">{{ $t('customers.addCalls') }}</h3>
          <a-form layout="vertical" @submit="listing.send()" data-test="call-list-form">
            <a-form-item><a-radio-group v-model:value="listing.values.purpose" :options="purposeOptions" /></a-form-item>
            <a-form-item :label="$t('customers.callCustomers')" :validate-status="listing.state.errors.customers ? 'error' : ''" :help="listing.state.errors.customers">
              <a-textarea v-model:value="listing.values.customers" :rows="3" :maxlength="20000" data-test="call-customers" /></a-form-item>
            <problem-alert :problem="listing.state.problem" class="gap" />
            <a-button type="primary" html-type="submit" :loading="listing.state.submitting" data-test="call-list-save">{{ $t('app.save') }}</a-button>
          </a-form>
        </template>
      </template>

      <plans v-if="active === 'plans'" />
      <feedback v-if="active === 'feedback'" :key="tick" />
      <surveys v-if="active === 'surveys'" :key="tick" />
      <occasions v-if="active === 'occasions'" :key="tick" />
      <referrals v-if="active === 'referrals'" :key="tick" />
      <deal-archive v-if="active === 'dealArchive'" :key="tick" />
      <connections v-if="active === 'connections'" :key="tick" />
      <questions v-if="active === 'questions'" :key="tick" />
      <market-notes v-if="active === 'market'" :key="tick" />
      <import v-if="active === 'import'" :key="tick" />

      <template v-if="active === 'archive'">
        <a-form layout="inline" @submit="find" class="archive-search" data-test="archive-search">
          <a-form-item :label="$t('field.customerName')"><a-input v-model:value="search.name" :maxlength="50" data-test="search-name" /></a-form-item>
          <a-form-item :label="$t('customers.maskedPhone')"><a-input v-model:value="search.phone" :maxlength="20" :placeholder="$t('customers.maskedPhoneHint')" /></a-form-item>
          <a-form-item :label="$t('customer.archiveNo')"><a-input v-model:value="search.archiveNo" :maxlength="40" /></a-form-item>
          <a-form-item :label="$t('card.class')"><a-select v-model:value="search.classes" mode="multiple" :options="classOptions" class="short-select" data-test="search-class" /></a-form-item>
          <a-form-item :label="$t('card.statusLabel')"><a-select v-model:value="search.statuses" mode="multiple" :options="statusOptions" class="form-select" /></a-form-item>
          <a-form-item v-if="can.followUpLists"><a-checkbox v-model:checked="search.mine">{{ $t('customers.mine') }}</a-checkbox></a-form-item>
          <a-button type="primary" html-type="submit" :loading="state.loading" data-test="search">{{ $t('customer.find') }}</a-button>
        </a-form>
        <template v-if="state.archive">
          <p class="muted small gap-top" data-test="archive-total" :data-total="state.archive.total">{{ $t('customers.found', { n: state.archive.total }) }}</p>
          <a-list :data-source="state.archive.items" size="small" data-test="archive">
            <template #renderItem="{ item }">
              <a-list-item data-test="archive-customer" :data-archive-no="item.archiveNo">
                <a-list-item-meta>
                  <template #title><router-link :to="'/customers/' + encodeURIComponent(item.customerId)">{{ item.name || item.archiveNo }}</router-link>
                    <a-tag v-if="item.intentClass" color="blue">{{ item.intentClass }}</a-tag> <a-tag>{{ item.statusName }}</a-tag></template>
                  <template #description>{{ item.archiveNo }} · {{ (item.phones || []).join('、') }} · {{ item.ownerName || staffName(item.owner) }}</template>
                </a-list-item-meta>
              </a-list-item>
            </template>
          </a-list>
          <a-pagination v-if="state.archive.total > state.archive.size" :current="state.archive.page + 1" :total="state.archive.total"
            :page-size="state.archive.size" size="small" @change="turn" class="gap-top" />
        </template>
      </template>
    </section>
  </div>`,
};
