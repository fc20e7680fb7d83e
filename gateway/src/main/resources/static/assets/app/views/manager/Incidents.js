// 突发事件 — incidents on the sales floor (R-OPS-3): who was involved (reps, customers, others), what
// happened, the action taken, whether the parties were taken away from the floor; recorded by a
// SUPERVISOR or the MANAGER within 7 days of it and closed with its outcome.
import { api, seg } from '../../api.js';
import { store, staffName, zone, receivingStaff } from '../../store.js';
import { useForm, useList } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { dateTime, wallClock, instantOnSiteClock } from '../../format.js';

const { ref, computed, onMounted } = Vue;
const { useI18n } = VueI18n;


export const Incidents = {
  name: 'Incidents',
  setup() {
    const { t, locale } = useI18n();
    const site = store.site;
    const base = `/api/reception/sites/${seg(site)}/incidents`;
    const { state, load } = useList(() => `${base}?open=${state.openOnly}`, { openOnly: false });
    onMounted(load);
    const form = useForm({
      key: `incident:${site}`,
      initial: () => ({ occurredAt: wallClock(new Date(), zone()), reps: [], customers: '', others: '', what: '', actionTaken: '', takenAway: false }),
      rules: {
        occurredAt: (v) => {
          if (!v) return 'day';
          const at = instantOnSiteClock(v, zone())?.getTime();
          if (at === undefined) return 'day';
          return at > Date.now() + 60000 ? 'notFuture' : at < Date.now() - 7 * 86400000 ? 'within7Days' : null;
        },
        customers: (v) => textProblem(v, { max: 1000 }), others: (v) => textProblem(v, { max: 1000 }),
        reps: (v, f) => (v.length + [f.customers, f.others].join('\n').split(/[\n,，、]/).filter((x) => x.trim()).length === 0 ? 'partiesMissing'
          : v.length + [f.customers, f.others].join('\n').split(/[\n,，、]/).filter((x) => x.trim()).length > 20 ? 'partiesTooMany' : null),
        what: (v) => textProblem(v, { required: true, max: 2000 }), actionTaken: (v) => textProblem(v, { max: 2000 }),
      },
      byType: { 'incident-in-the-future': 'occurredAt', 'incident-too-old': 'occurredAt', 'incident-parties-missing': 'reps',
        'incident-parties-too-many': 'reps', 'incident-party-invalid': 'reps', 'incident-what-missing': 'what' },
      submit: async (v) => {
        const names = (text) => text.split(/[\n,，、]/).map((x) => x.trim()).filter(Boolean);
        const parties = [...v.reps.map((userId) => ({ kind: 'REP', userId, name: staffName(userId) })),
          ...names(v.customers).map((name) => ({ kind: 'CUSTOMER', name: name.slice(0, 50) })), ...names(v.others).map((name) => ({ kind: 'OTHER', name: name.slice(0, 50) }))];
        const item = await api.post(base, { occurredAt: instantOnSiteClock(v.occurredAt, zone()).toISOString(), parties, what: v.what.trim(),
          actionTaken: v.actionTaken.trim() || null, takenAwayFromFloor: v.takenAway });
        await load();
        return item;
      },
    });
    const chosen = ref(null);
    const closing = useForm({
      key: null,
      initial: () => ({ outcome: '', actionTaken: '', takenAway: false }),
      rules: { outcome: (v) => textProblem(v, { required: true, max: 2000 }), actionTaken: (v) => textProblem(v, { max: 2000 }) },
      byType: { 'incident-outcome-missing': 'outcome', 'incident-closed': 'outcome' },
      submit: async (v) => {
        const item = await api.post(`${base}/${seg(chosen.value.id)}/closing`, { outcome: v.outcome.trim(), actionTaken: v.actionTaken.trim() || null,
          takenAwayFromFloor: v.takenAway || chosen.value.takenAwayFromFloor });
        chosen.value = null;
        await load();
        return item;
      },
    });
    const openClosing = (item) => { chosen.value = item; closing.reset(); };
    const partyName = (p) => p.name || staffName(p.userId) || p.customerId;
    const repOptions = computed(() => receivingStaff().map((m) => ({ value: m.userId, label: m.name })));
    return { t, state, load, form, chosen, closing, openClosing, partyName, repOptions, dateTime, zone, locale, staffName };
  },
  template: `
  <div data-test="incidents">
    <problem-alert :problem="state.problem" />
    <a-checkbox v-model:checked="state.openOnly" @change="load" class="gap">{{ $t('incidents.openOnly') }}</a-checkbox>
    <a-empty v-if="!state.items.length" :description="$t('incidents.none')" />
    <a-list v-else :data-source="state.items" size="small">
      <template #renderItem="{ item }">
        <a-list-item data-test="incident" :data-id="item.id" :data-status="item.status">
          <a-list-item-meta>
            <template #title>{{ dateTime(item.occurredAt, zone(), locale) }} · {{ item.parties.map(partyName).join('、') }}
              <a-tag :color="item.status === 'OPEN' ? 'orange' : 'green'">{{ $t('incidents.states.' + item.status) }}</a-tag>
              <a-tag v-if="item.takenAwayFromFloor">{{ $t('incidents.takenAway') }}</a-tag></template>
            <template #description><span class="wrap">{{ item.what }}</span>
              <span v-if="item.actionTaken" class="small"><br />{{ $t('incidents.action') }}：{{ item.actionTaken }}</span>
              <span v-if="item.outcome" class="small" data-test="incident-outcome"><br />{{ $t('incidents.outcome') }}：{{ item.outcome }} · {{ staffName(item.closedBy) }}</span></template>
          </a-list-item-meta>
          <a-button v-if="item.status === 'OPEN'" size="small" @click="openClosing(item)" data-test="incident-close">{{ $t('incidents.close') }}</a-button>
        </a-list-item>
      </template>
    </a-list>
    <h3 class="subhead">{{ $t('incidents.record') }}</h3>
    <draft-note :form="form" />
    <a-form layout="vertical" @submit="form.send()" data-test="incident-form">
      <a-form-item :label="$t('incidents.when')" :validate-status="form.state.errors.occurredAt ? 'error' : ''" :help="form.state.errors.occurredAt">
        <a-input v-model:value="form.values.occurredAt" type="datetime-local" data-test="incident-when" /></a-form-item>
      <a-form-item :label="$t('incidents.reps')" :validate-status="form.state.errors.reps ? 'error' : ''" :help="form.state.errors.reps">
        <a-select v-model:value="form.values.reps" mode="multiple" :options="repOptions" data-test="incident-reps" /></a-form-item>
      <div class="field-row">
        <a-form-item :label="$t('incidents.customers')" :validate-status="form.state.errors.customers ? 'error' : ''" :help="form.state.errors.customers">
          <a-input v-model:value="form.values.customers" :maxlength="1000" data-test="incident-customers" /></a-form-item>
        <a-form-item :label="$t('incidents.others')" :validate-status="form.state.errors.others ? 'error' : ''" :help="form.state.errors.others">
          <a-input v-model:value="form.values.others" :maxlength="1000" /></a-form-item>
      </div>
      <a-form-item :label="$t('incidents.what')" :validate-status="form.state.errors.what ? 'error' : ''" :help="form.state.errors.what">
        <a-textarea v-model:value="form.values.what" :rows="2" :maxlength="2000" data-test="incident-what" /></a-form-item>
      <a-form-item :label="$t('incidents.action')" :validate-status="form.state.errors.actionTaken ? 'error' : ''" :help="form.state.errors.actionTaken">
        <a-textarea v-model:value="form.values.actionTaken" :rows="2" :maxlength="2000" /></a-form-item>
      <a-form-item><a-checkbox v-model:checked="form.values.takenAway">{{ $t('incidents.takenAway') }}</a-checkbox></a-form-item>
      <problem-alert :problem="form.state.problem" class="gap" />
      <a-button type="primary" html-type="submit" :loading="form.state.submitting" data-test="incident-save">{{ $t('app.save') }}</a-button>
    </a-form>
    <a-modal :open="!!chosen" :title="$t('incidents.close')" :footer="null" @cancel="chosen = null" destroy-on-close>
      <a-form layout="vertical" @submit="closing.send()" data-test="incident-closing-form">
        <a-form-item :label="$t('incidents.outcome')" :validate-status="closing.state.errors.outcome ? 'error' : ''" :help="closing.state.errors.outcome">
          <a-textarea v-model:value="closing.values.outcome" :rows="2" :maxlength="2000" data-test="incident-outcome-text" /></a-form-item>
        <a-form-item :label="$t('incidents.action')" :validate-status="closing.state.errors.actionTaken ? 'error' : ''" :help="closing.state.errors.actionTaken">
          <a-textarea v-model:value="closing.values.actionTaken" :rows="2" :maxlength="2000" /></a-form-item>
        <a-form-item><a-checkbox v-model:checked="closing.values.takenAway">{{ $t('incidents.takenAway') }}</a-checkbox></a-form-item>
        <problem-alert :problem="closing.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="closing.state.submitting" data-test="incident-closing-save">{{ $t('app.confirm') }}</a-button>
      </a-form>
    </a-modal>
  </div>`,
};
