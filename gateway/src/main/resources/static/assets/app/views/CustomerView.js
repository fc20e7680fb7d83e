// The customer card (R-CUS, R-ATT): archive number, phones masked (R-SEC-3), who owns the
// customer and each claim's protection, the credit and bonus shares at any moment (R-ATT-17),
// visits, follow-ups (by the credit holder, R-ATT-12; checked by a SUPERVISOR), complaints,
// disputes; another phone, a dispute, and the MANAGER's merge of two records. The archive's card
// (R-CUS-1, 2, 4, 5, 6): class and status with their history, the notebook, the tracking form.
import { api, seg } from '../api.js';
import { abilities } from '../access.js';
import { store, staffName, receivingStaff, siteToday, zone } from '../store.js';
import { useForm, useAction } from '../forms.js';
import { phoneProblem, textProblem } from '../validate.js';
import { customer, revealPhones } from '../customers.js';
import { credit, dateTime, daysBetween } from '../format.js';
import { Care } from './customer/Care.js';
import { Privacy } from './customer/Privacy.js';
import { CustomerQuestions } from './customer/CustomerQuestions.js';

const { ref, reactive, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

const METHODS = ['电话', '面谈', '微信', '短信', '上门'];

export const CustomerView = {
  name: 'CustomerView',
  props: { id: { type: String, required: true } },
  components: { Care, Privacy, CustomerQuestions },
  setup(props) {
    const { t, locale } = useI18n();
    const site = store.site;
    const base = `/api/customers/sites/${seg(site)}/customers/${seg(props.id)}`;
    const can = computed(() => abilities(store.user, site));
    const state = reactive({ customer: null, problem: null, credit: null, at: null, card: null, cardProblem: null });

    // the card (R-CUS-1, 2, 4, 5): class, status, notebook, the tracking form — of customer-service's archive
    let shownNotebook = JSON.stringify({ background: '', suggestions: '', reasonsNotBuying: '', refundReasons: '', notes: '' });
    async function loadCard() {
      try {
        state.card = await api.get(`${base}/card`);
        state.cardProblem = null;
        // what the card holds goes into the notebook form only while nobody is editing it
        if (JSON.stringify({ ...notebook.values }) === shownNotebook) {
          Object.assign(notebook.values, notebookOf(state.card));
          shownNotebook = JSON.stringify({ ...notebook.values });
        }
      } catch (error) {
        state.cardProblem = error;
      }
    }
    async function load() {
      try {
        state.customer = await customer(site, props.id);
        state.problem = null;
      } catch (error) {
        state.problem = error;
      }
      await loadCard();
    }
    onMounted(load);
    const set = (c) => { state.customer = c; return c; };

    const creditAt = useAction(async (at) => {
      const query = at ? `?at=${encodeURIComponent(at.toISOString())}` : '';
      state.credit = await api.get(`${base}/credit${query}`);
      return state.credit;
    });

    const today = siteToday();
    // R-CUS-5: a line of the tracking form, by the credit holder (R-ATT-12), dated between the registration and today
    const followUp = useForm({
      key: `follow-up:${site}:${props.id}`,
      initial: () => ({ method: '电话', note: '', day: today, objections: '', nextStep: '', nextDate: '' }),
      rules: {
        method: (v) => textProblem(v, { required: true, max: 20 }), note: (v) => textProblem(v, { required: true, max: 2000 }),
        day: (v) => (!v ? 'day' : v > today ? 'notFuture' : null), objections: (v) => textProblem(v, { max: 1000 }),
        nextStep: (v) => textProblem(v, { max: 500 }), nextDate: (v, f) => (v && v < (f.day || today) ? 'nextAfterDay' : null),
      },
      byType: { 'not-credit-holder': 'note', 'follow-up-day-invalid': 'day', 'tracking-day-invalid': 'day', 'next-date-invalid': 'nextDate' },
      submit: async (v) => {
        state.card = await api.post(`${base}/tracking`, {
          method: v.method, note: v.note.trim(), day: v.day || null, objections: v.objections.trim() || null, nextStep: v.nextStep.trim() || null,
          nextDate: v.nextDate || null,
        });
        await load();
        return state.card;
      },
    });
    // R-CUS-2: the class A–D with a reason; R-CUS-4: the notebook; R-CUS-6: lost with its reason, followed again
    const classify = useForm({
      key: null,
      initial: () => ({ intentClass: 'A', reason: '' }),
      rules: { intentClass: (v) => (['A', 'B', 'C', 'D'].includes(v) ? null : 'required'), reason: (v) => textProblem(v, { max: 500 }) },
      byType: { 'class-invalid': 'intentClass' },
      submit: async (v) => { state.card = await api.put(`${base}/class`, { intentClass: v.intentClass, reason: v.reason.trim() || null }); return state.card; },
    });
    const notebookOf = (card) => ({ background: card?.notebook?.background || '', suggestions: card?.notebook?.suggestions || '',
      reasonsNotBuying: card?.notebook?.reasonsNotBuying || '', refundReasons: card?.notebook?.refundReasons || '', notes: card?.notebook?.notes || '' });
    const notebook = useForm({
      key: null, // filled from the card as it stands
      keep: true,
      initial: () => notebookOf(null),
      rules: {
        background: (v) => textProblem(v, { max: 4000 }), suggestions: (v) => textProblem(v, { max: 4000 }),
        reasonsNotBuying: (v) => textProblem(v, { max: 4000 }), refundReasons: (v) => textProblem(v, { max: 4000 }), notes: (v) => textProblem(v, { max: 8000 }),
      },
      submit: async (v) => {
        state.card = await api.put(`${base}/notebook`, v);
        shownNotebook = JSON.stringify({ ...notebook.values });
        return state.card;
      },
    });
    const lost = useForm({
      key: null,
      initial: () => ({ reason: '' }),
      rules: { reason: (v) => textProblem(v, { required: true, max: 1000 }) },
      submit: async (v) => { state.card = await api.post(`${base}/lost`, { reason: v.reason.trim() }); return state.card; },
    });
    const reopen = useAction(async () => { state.card = await api.post(`${base}/reopen`, {}); return state.card; });
    const check = useAction(async (number) => { set(await api.post(`${base}/follow-ups/${number}/check`)); await loadCard(); });
    const phone = useForm({
      key: `phone:${site}:${props.id}`,
      initial: () => ({ phone: '' }),
      rules: { phone: (v) => phoneProblem(v) },
      byType: { 'phone-invalid': 'phone', 'merge-phone-taken': 'phone' },
      submit: async (v) => set(await api.post(`${base}/phones`, { phone: v.phone.trim() })),
    });
    const dispute = useForm({
      key: `dispute:${site}:${props.id}`,
      initial: () => ({ parties: [], reason: '' }),
      rules: { parties: (v) => (v.length < 2 ? 'pickTwo' : null), reason: (v) => textProblem(v, { required: true, max: 2000 }) },
      byType: { 'dispute-invalid': 'parties' },
      submit: async (v) => {
        await api.post(`${base}/disputes`, { parties: v.parties, reason: v.reason.trim() });
        return load();
      },
    });
    // R-SEC-3: the full numbers only on an explicit reveal with a reason; shown here, kept nowhere
    const revealed = ref(null);
    const reveal = useForm({
      key: null,
      initial: () => ({ reason: '' }),
      rules: { reason: (v) => textProblem(v, { required: true, max: 500 }) },
      submit: async (v) => {
        revealed.value = await revealPhones(site, props.id, v.reason.trim());
        return revealed.value;
      },
    });
    const merge = useForm({
      key: `merge:${site}:${props.id}`,
      initial: () => ({ other: '', reason: '' }),
      rules: { other: (v) => textProblem(v, { required: true, max: 64 }), reason: (v) => textProblem(v, { required: true, max: 2000 }) },
      byType: { 'merge-other-missing': 'other', 'merge-self': 'other', 'customer-unknown': 'other', 'merge-reason-missing': 'reason' },
      submit: async (v) => set(await api.post(`${base}/merge`, { other: v.other.trim(), reason: v.reason.trim() })),
    });

    const shownCredit = computed(() => state.credit || state.customer?.credit || null);
    const left = (claim) => (claim.validUntil ? daysBetween(today, claim.validUntil) : null);
    const staffOptions = computed(() => receivingStaff().map((m) => ({ value: m.userId, label: m.name })));
    const methodOptions = METHODS.map((m) => ({ value: m, label: m }));
    return {
      t, locale, store, can, state, load, classify, notebook, lost, reopen, classOptions: ['A', 'B', 'C', 'D'].map((c) => ({ value: c, label: c })), shownCredit, reveal, revealed, creditAt, followUp, check, phone, dispute, merge, left, staffOptions, methodOptions,
      staffName, credit, dateTime, zone,
    };
  },
  template: `
  <div class="screen customer" data-test="customer-card">
    <div class="screen-head">
      <h1>{{ $t('customer.card') }} <span v-if="state.customer" class="muted">{{ state.customer.name }} {{ state.customer.archiveNo }}</span></h1>
      <div class="head-actions"><a-button @click="$router.back()">{{ $t('customer.back') }}</a-button></div>
    </div>
    <problem-alert :problem="state.problem" />
    <template v-if="state.customer">
      <div class="columns">
        <section class="panel">
          <h2>{{ $t('customer.archive') }}</h2>
          <dl class="kv">
            <dt>{{ $t('customer.archiveNo') }}</dt><dd data-test="archive-no">{{ state.customer.archiveNo }}</dd>
            <dt>{{ $t('field.customerName') }}</dt><dd>{{ state.customer.name || '—' }}</dd>
            <dt>{{ $t('customer.phones') }}</dt><dd data-test="phones">{{ state.customer.phones.join('、') }}</dd>
            <dt>{{ $t('customer.owner') }}</dt><dd data-test="owner">{{ state.customer.ownerName || staffName(state.customer.owner) }}</dd>
            <dt>{{ $t('customer.registered') }}</dt><dd>{{ dateTime(state.customer.registeredAt, zone(), locale) }} · {{ staffName(state.customer.registeredBy) }}</dd>
            <dt>{{ $t('customer.source') }}</dt><dd>{{ state.customer.source || '—' }}</dd>
          </dl>
          <h3 class="subhead">{{ $t('customer.claims') }}</h3>
          <a-list :data-source="state.customer.claims" size="small" data-test="claims">
            <template #renderItem="{ item }">
              <a-list-item :data-user-id="item.userId">
                <span>{{ staffName(item.userId) }} <a-tag v-if="item.owner" color="blue">{{ $t('customer.ownerTag') }}</a-tag>
                  <a-tag v-if="item.ruleId">{{ item.ruleId }}</a-tag></span>
                <span class="small" v-if="item.valid">{{ $t('customer.validUntil', { day: item.validUntil, n: left(item) }) }}</span>
                <span class="small muted" v-else>{{ $t('customer.expired') }}</span>
              </a-list-item>
            </template>
          </a-list>
          <template v-if="can.revealPhones(state.customer)">
            <h3 class="subhead">{{ $t('customer.reveal') }}</h3>
            <div v-if="revealed" data-test="revealed-phones">
              <p><strong>{{ revealed.phones.join('、') }}</strong></p>
              <p class="muted small">{{ $t('customer.revealedNote', { at: dateTime(revealed.revealedAt, zone(), locale) }) }}</p>
            </div>
            <a-form v-else layout="vertical" @submit="reveal.send()" data-test="reveal-form">
              <a-form-item :label="$t('field.reason')" :validate-status="reveal.state.errors.reason ? 'error' : ''" :help="reveal.state.errors.reason || $t('customer.revealHint')">
                <a-input v-model:value="reveal.values.reason" :maxlength="500" data-test="reveal-reason" />
              </a-form-item>
              <problem-alert :problem="reveal.state.problem" class="gap" />
              <a-button html-type="submit" :loading="reveal.state.submitting" data-test="reveal">{{ $t('customer.revealIt') }}</a-button>
            </a-form>
          </template>
          <template v-if="can.addPhone(state.customer)">
            <h3 class="subhead">{{ $t('customer.addPhone') }}</h3>
            <a-form layout="inline" @submit="phone.send()">
              <a-form-item :validate-status="phone.state.errors.phone ? 'error' : ''" :help="phone.state.errors.phone">
                <a-input v-model:value="phone.values.phone" inputmode="tel" :maxlength="40" data-test="add-phone" />
              </a-form-item>
              <a-button html-type="submit" :loading="phone.state.submitting">{{ $t('app.save') }}</a-button>
            </a-form>
            <problem-alert :problem="phone.state.problem" />
          </template>
        </section>

        <section class="panel">
          <h2>{{ $t('customer.credit') }}</h2>
          <p class="muted small">{{ $t('customer.creditHint') }}</p>
          <div class="gap">
            <a-date-picker show-time v-model:value="state.at" :placeholder="$t('customer.now')" data-test="credit-at" />
            <a-button class="gap-left" :loading="creditAt.state.busy" data-test="credit" @click="creditAt.act(state.at ? state.at.toDate() : null)">{{ $t('customer.showCredit') }}</a-button>
          </div>
          <problem-alert :problem="creditAt.state.problem" />
          <div v-if="shownCredit" data-test="credit-shares">
              <p><a-tag v-if="shownCredit.ruleId" color="geekblue">{{ shownCredit.ruleId }}</a-tag>{{ shownCredit.explanation }}</p>
              <p v-for="s in shownCredit.shares" :key="s.userId" class="share">{{ s.name || staffName(s.userId) }} · {{ credit(s.credit, locale) }} · {{ $t('customer.bonus', { p: s.bonusPercent }) }}</p>
              <a-alert v-if="shownCredit.needsManagerRuling" type="warning" show-icon :message="$t('customer.needsRuling')" />
              <p class="muted small">{{ $t('customer.creditAt', { at: dateTime(shownCredit.at, zone(), locale) }) }}</p>
          </div>
        </section>
      </div>

      <problem-alert :problem="state.cardProblem" />
      <div class="columns" v-if="state.card" data-test="card" :data-class="state.card.intentClass || ''" :data-status="state.card.status">
        <section class="panel">
          <h2>{{ $t('card.title') }}</h2>
          <dl class="kv">
            <dt>{{ $t('card.class') }}</dt><dd data-test="card-class"><a-tag color="blue" v-if="state.card.intentClass">{{ state.card.intentClass }}</a-tag><span v-else>—</span></dd>
            <dt>{{ $t('card.statusLabel') }}</dt><dd data-test="card-status">{{ $t('card.status.' + state.card.status) }}</dd>
            <dt>{{ $t('card.nextFollowUp') }}</dt><dd data-test="next-follow-up">{{ state.card.nextFollowUp || '—' }}</dd>
          </dl>
          <h3 class="subhead">{{ $t('card.classHistory') }}</h3>
          <p v-if="!state.card.classHistory.length" class="muted small">{{ $t('app.none') }}</p>
          <p v-for="(c, i) in state.card.classHistory" :key="'c' + i" class="small" data-test="class-change">{{ c.from || '—' }} → {{ c.to }} · {{ staffName(c.by) }} · {{ dateTime(c.at, zone(), locale) }}{{ c.reason ? ' · ' + c.reason : '' }}</p>
          <h3 class="subhead">{{ $t('card.statusHistory') }}</h3>
          <p v-for="(c, i) in state.card.statusHistory" :key="'s' + i" class="small">{{ c.from ? $t('card.status.' + c.from) : '—' }} → {{ $t('card.status.' + c.to) }} · {{ staffName(c.by) }} · {{ dateTime(c.at, zone(), locale) }}{{ c.reason ? ' · ' + c.reason : '' }}</p>
          <template v-if="can.editCard(state.card)">
            <h3 class="subhead">{{ $t('card.reclassify') }}</h3>
            <a-form layout="inline" @submit="classify.send()" data-test="class-form">
              <a-form-item :validate-status="classify.state.errors.intentClass ? 'error' : ''" :help="classify.state.errors.intentClass">
                <a-radio-group v-model:value="classify.values.intentClass" :options="classOptions" data-test="class-choice" /></a-form-item>
              <a-form-item :validate-status="classify.state.errors.reason ? 'error' : ''" :help="classify.state.errors.reason">
                <a-input v-model:value="classify.values.reason" :maxlength="500" :placeholder="$t('field.reason')" data-test="class-reason" /></a-form-item>
              <a-button html-type="submit" :loading="classify.state.submitting" data-test="class-save">{{ $t('app.save') }}</a-button>
            </a-form>
            <problem-alert :problem="classify.state.problem" />
            <template v-if="state.card.status === 'LOST'">
              <a-button class="gap-top" :loading="reopen.state.busy" data-test="reopen" @click="reopen.act()">{{ $t('card.reopen') }}</a-button>
              <problem-alert :problem="reopen.state.problem" />
            </template>
            <a-form v-else layout="inline" class="gap-top" @submit="lost.send()" data-test="lost-form">
              <a-form-item :validate-status="lost.state.errors.reason ? 'error' : ''" :help="lost.state.errors.reason">
                <a-input v-model:value="lost.values.reason" :maxlength="1000" :placeholder="$t('card.lostReason')" /></a-form-item>
              <a-button html-type="submit" danger :loading="lost.state.submitting">{{ $t('card.markLost') }}</a-button>
              <problem-alert :problem="lost.state.problem" />
            </a-form>
          </template>
        </section>
        <section class="panel" data-test="notebook">
          <h2>{{ $t('card.notebook') }}</h2>
          <p v-if="state.card.notebook && state.card.notebook.updatedBy" class="muted small">{{ staffName(state.card.notebook.updatedBy) }} · {{ dateTime(state.card.notebook.updatedAt, zone(), locale) }}</p>
          <a-form layout="vertical" @submit="notebook.send()" data-test="notebook-form">
            <a-form-item v-for="f in ['background', 'suggestions', 'reasonsNotBuying', 'refundReasons', 'notes']" :key="f" :label="$t('card.nb.' + f)"
              :validate-status="notebook.state.errors[f] ? 'error' : ''" :help="notebook.state.errors[f]">
              <a-textarea v-model:value="notebook.values[f]" :rows="2" :maxlength="f === 'notes' ? 8000 : 4000" :disabled="!can.editCard(state.card)" :data-test="'nb-' + f" />
            </a-form-item>
            <problem-alert :problem="notebook.state.problem" class="gap" />
            <a-button v-if="can.editCard(state.card)" type="primary" html-type="submit" :loading="notebook.state.submitting" data-test="notebook-save">{{ $t('app.save') }}</a-button>
            <span v-if="notebook.state.result" class="small muted gap-left" data-test="notebook-saved">{{ $t('card.saved') }}</span>
          </a-form>
        </section>
      </div>

      <div class="columns" data-test="care-and-privacy">
        <care :customer="state.customer" />
        <privacy :customer="state.customer" />
      </div>
      <customer-questions :customer="state.customer" />

      <section class="panel">
        <h2>{{ $t('customer.visits') }}</h2>
        <a-list :data-source="state.customer.visits" size="small" data-test="visits">
          <template #renderItem="{ item }">
            <a-list-item>
              <a-list-item-meta :description="(item.ruleId ? item.ruleId + ' · ' : '') + (item.rule || '')">
                <template #title>{{ dateTime(item.at, zone(), locale) }} · {{ item.channel === 'CALL' ? $t('desk.callTag') : $t('customer.visit') }} · {{ staffName(item.servedBy) }}
                  <a-tag v-if="item.usesTurn" color="blue">{{ $t('desk.usedTurn') }}</a-tag></template>
              </a-list-item-meta>
            </a-list-item>
          </template>
        </a-list>
      </section>

      <div class="columns">
        <section class="panel">
          <h2>{{ $t('customer.followUps') }}</h2>
          <a-list :data-source="state.card ? state.card.followUps : state.customer.followUps" size="small" data-test="follow-ups" :locale="{ emptyText: $t('customer.noFollowUps') }">
            <template #renderItem="{ item }">
              <a-list-item data-test="follow-up" :data-number="item.number">
                <a-list-item-meta :title="item.method + ' · ' + staffName(item.rep) + ' · ' + (item.tracking && item.tracking.day ? item.tracking.day : dateTime(item.at, zone(), locale))">
                  <template #description>{{ item.note }}
                    <span v-if="item.tracking" class="small tracking"><br v-if="item.tracking.objections || item.tracking.nextStep || item.tracking.nextDate" />
                      <template v-if="item.tracking.objections">{{ $t('card.objections') }}：{{ item.tracking.objections }}　</template>
                      <template v-if="item.tracking.nextStep">{{ $t('customers.nextStep') }}：{{ item.tracking.nextStep }}　</template>
                      <template v-if="item.tracking.nextDate">{{ $t('card.nextDate') }}：{{ item.tracking.nextDate }}</template></span>
                  </template>
                </a-list-item-meta>
                <a-tag v-if="item.checkedBy" color="green">{{ $t('customer.checked', { by: staffName(item.checkedBy) }) }}</a-tag>
                <a-button v-else-if="can.checkFollowUp" size="small" :loading="check.state.busy" @click="check.act(item.number)">{{ $t('customer.check') }}</a-button>
              </a-list-item>
            </template>
          </a-list>
          <problem-alert :problem="check.state.problem" />
          <template v-if="can.followUp(state.customer)">
            <h3 class="subhead">{{ $t('customer.addFollowUp') }}</h3>
            <draft-note :form="followUp" />
            <a-form layout="vertical" @submit="followUp.send()" data-test="follow-up-form">
              <a-form-item :label="$t('customer.method')"><a-select v-model:value="followUp.values.method" :options="methodOptions" /></a-form-item>
              <a-form-item :label="$t('customer.content')" :validate-status="followUp.state.errors.note ? 'error' : ''" :help="followUp.state.errors.note">
                <a-textarea v-model:value="followUp.values.note" :rows="3" :maxlength="2000" data-test="follow-up-note" />
              </a-form-item>
              <div class="field-row">
                <a-form-item :label="$t('card.day')" :validate-status="followUp.state.errors.day ? 'error' : ''" :help="followUp.state.errors.day">
                  <a-input v-model:value="followUp.values.day" type="date" data-test="follow-up-day" /></a-form-item>
                <a-form-item :label="$t('card.nextDate')" :validate-status="followUp.state.errors.nextDate ? 'error' : ''" :help="followUp.state.errors.nextDate">
                  <a-input v-model:value="followUp.values.nextDate" type="date" data-test="follow-up-next-date" /></a-form-item>
              </div>
              <a-form-item :label="$t('card.objections')" :validate-status="followUp.state.errors.objections ? 'error' : ''" :help="followUp.state.errors.objections">
                <a-input v-model:value="followUp.values.objections" :maxlength="1000" data-test="follow-up-objections" /></a-form-item>
              <a-form-item :label="$t('customers.nextStep')" :validate-status="followUp.state.errors.nextStep ? 'error' : ''" :help="followUp.state.errors.nextStep">
                <a-input v-model:value="followUp.values.nextStep" :maxlength="500" data-test="follow-up-next-step" /></a-form-item>
              <problem-alert :problem="followUp.state.problem" class="gap" />
              <a-button type="primary" html-type="submit" :loading="followUp.state.submitting" data-test="add-follow-up">{{ $t('app.save') }}</a-button>
            </a-form>
          </template>
        </section>
        <section class="panel">
          <h2>{{ $t('customer.complaintsAndDisputes') }}</h2>
          <p v-if="!state.customer.complaints.length && !state.customer.disputes.length" class="muted">{{ $t('app.none') }}</p>
          <p v-for="k in state.customer.complaints" :key="k.id">{{ $t('customer.complaint', { against: staffName(k.against), status: k.status }) }} — {{ k.text }}</p>
          <p v-for="d in state.customer.disputes" :key="d.id">{{ $t('customer.dispute', { parties: d.parties.map(staffName).join('、'), outcome: d.outcome || $t('customer.open') }) }} — {{ d.reason }}</p>
          <template v-if="can.openDispute">
            <h3 class="subhead">{{ $t('customer.openDispute') }}</h3>
            <a-form layout="vertical" @submit="dispute.send()">
              <a-form-item :label="$t('customer.parties')" :validate-status="dispute.state.errors.parties ? 'error' : ''" :help="dispute.state.errors.parties">
                <a-select v-model:value="dispute.values.parties" mode="multiple" :options="staffOptions" />
              </a-form-item>
              <a-form-item :label="$t('field.reason')" :validate-status="dispute.state.errors.reason ? 'error' : ''" :help="dispute.state.errors.reason">
                <a-textarea v-model:value="dispute.values.reason" :rows="2" :maxlength="2000" />
              </a-form-item>
              <problem-alert :problem="dispute.state.problem" class="gap" />
              <a-button html-type="submit" :loading="dispute.state.submitting">{{ $t('customer.openDispute') }}</a-button>
            </a-form>
          </template>
          <template v-if="can.merge">
            <h3 class="subhead">{{ $t('customer.merge') }}</h3>
            <p class="muted small">{{ $t('customer.mergeHint') }}</p>
            <a-form layout="vertical" @submit="merge.send()">
              <a-form-item :label="$t('customer.other')" :validate-status="merge.state.errors.other ? 'error' : ''" :help="merge.state.errors.other">
                <a-input v-model:value="merge.values.other" :maxlength="64" />
              </a-form-item>
              <a-form-item :label="$t('field.reason')" :validate-status="merge.state.errors.reason ? 'error' : ''" :help="merge.state.errors.reason">
                <a-textarea v-model:value="merge.values.reason" :rows="2" :maxlength="2000" />
              </a-form-item>
              <problem-alert :problem="merge.state.problem" class="gap" />
              <a-button html-type="submit" danger :loading="merge.state.submitting">{{ $t('customer.mergeIt') }}</a-button>
            </a-form>
          </template>
        </section>
      </div>
    </template>
  </div>`,
};
