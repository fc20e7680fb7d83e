// 活动与资讯 — site tours, owner events and project news (R-CUS-11): a SUPERVISOR or the MANAGER
// announces one; reps invite their own customers or send them the news (refused whole, naming
// them, for anyone who withdrew consent to be contacted, R-CUS-13); answers before it starts,
// attendance once it has — what was sent to whom, and how.
import { api, seg } from '../../api.js';
import { archiveAbilities } from '../../archive-access.js';
import { store, staffName, zone } from '../../store.js';
import { useForm, useAction, useList } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { dateTime, instantOnSiteClock } from '../../format.js';

const { ref, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

const CHANNELS = ['PHONE', 'SMS', 'WECHAT', 'LETTER', 'EMAIL', 'IN_PERSON'];

export const Occasions = {
  name: 'Occasions',
  setup() {
    const { t, locale } = useI18n();
    const site = store.site;
    const base = `/api/customers/sites/${seg(site)}/occasions`;
    const can = computed(() => archiveAbilities(store.user, site));
    const list = useList(base);
    const { state, load } = list;
    const chosen = ref(null);
    onMounted(load);
    const keep = (item) => {
      list.keep(item);
      if (chosen.value?.id === item.id) chosen.value = item;
    };
    const announce = useForm({
      key: `occasion:${site}`,
      initial: () => ({ kind: 'OWNER_EVENT', title: '', description: '', startsAt: null, place: '' }),
      rules: {
        title: (v) => textProblem(v, { required: true, max: 100 }), description: (v) => textProblem(v, { max: 4000 }), place: (v) => textProblem(v, { max: 200 }),
        startsAt: (v, f) => (f.kind !== 'NEWS' && !instantOnSiteClock(v, zone()) ? 'day' : null),
      },
      byType: { 'occasion-time-missing': 'startsAt', 'occasion-in-the-past': 'startsAt', 'occasion-invalid': 'title' },
      submit: async (v) => {
        const item = await api.post(base, { kind: v.kind, title: v.title.trim(), description: v.description.trim() || null,
          startsAt: v.kind === 'NEWS' || !v.startsAt ? null : instantOnSiteClock(v.startsAt, zone()).toISOString(), place: v.place.trim() || null });
        keep(item);
        return item;
      },
    });
    const guests = useForm({
      key: null,
      initial: () => ({ customers: '', channel: 'PHONE' }),
      rules: { customers: (v) => {
        const list = v.split(/[\n,，、\s]+/).filter(Boolean);
        return !list.length ? 'required' : list.length > 200 ? 'tooMany200' : list.some((x) => x.length > 64) ? 'tooLong' : null;
      } },
      byType: { 'contact-withdrawn': 'customers', 'customer-unknown': 'customers', 'not-customers-rep': 'customers', 'guests-invalid': 'customers',
        'occasion-started': 'customers', 'occasion-too-many': 'customers' },
      submit: async (v) => {
        const item = await api.post(`${base}/${seg(chosen.value.id)}/guests`, { customers: v.customers.split(/[\n,，、\s]+/).filter(Boolean), channel: v.channel });
        keep(item);
        return item;
      },
    });
    const answer = useAction(async (guest, to) => {
      const item = await api.post(`${base}/${seg(chosen.value.id)}/answers`, { customer: guest.customerId, state: to });
      keep(item);
      return item;
    });
    const pick = (item) => { chosen.value = chosen.value?.id === item.id ? null : item; };
    const started = (item) => item.startsAt && new Date(item.startsAt).getTime() <= Date.now();
    const kindOptions = computed(() => ['TOUR', 'OWNER_EVENT', 'NEWS'].map((k) => ({ value: k, label: t('occasions.kinds.' + k) })));
    const channelOptions = computed(() => CHANNELS.map((k) => ({ value: k, label: t('occasions.channels.' + k) })));
    return { can, state, chosen, pick, started, announce, guests, answer, kindOptions, channelOptions, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="occasions">
    <problem-alert :problem="state.problem" />
    <a-empty v-if="!state.items.length" :description="$t('occasions.none')" />
    <div v-for="item in state.items" :key="item.id" class="gap occasion" data-test="occasion" :data-id="item.id" :data-kind="item.kind">
      <h3 class="subhead"><a-tag color="geekblue">{{ $t('occasions.kinds.' + item.kind) }}</a-tag>{{ item.title }}
        <span class="muted small">{{ item.startsAt ? dateTime(item.startsAt, zone(), locale) : '' }}{{ item.place ? ' · ' + item.place : '' }} · {{ $t('occasions.guests', { n: item.guests.length }) }}</span></h3>
      <p v-if="item.description" class="small wrap">{{ item.description }}</p>
      <a-button size="small" @click="pick(item)" data-test="occasion-open">{{ chosen && chosen.id === item.id ? $t('app.close') : $t('occasions.open') }}</a-button>
      <template v-if="chosen && chosen.id === item.id">
        <a-list :data-source="chosen.guests" size="small" :locale="{ emptyText: $t('occasions.noGuests') }">
          <template #renderItem="{ item: g }">
            <a-list-item data-test="guest" :data-archive-no="g.archiveNo" :data-state="g.state">
              <span>{{ g.name || g.archiveNo }} <span class="muted small">{{ g.archiveNo }} · {{ $t('occasions.channels.' + g.channel) }} · {{ staffName(g.by) }}</span>
                <a-tag>{{ $t('occasions.states.' + g.state) }}</a-tag></span>
              <a-space wrap v-if="can.answerOccasion && chosen.kind !== 'NEWS'">
                <template v-if="!started(chosen)">
                  <a-button size="small" @click="answer.act(g, 'ACCEPTED')" data-test="guest-ACCEPTED">{{ $t('occasions.states.ACCEPTED') }}</a-button>
                  <a-button size="small" @click="answer.act(g, 'DECLINED')">{{ $t('occasions.states.DECLINED') }}</a-button></template>
                <template v-else>
                  <a-button size="small" @click="answer.act(g, 'ATTENDED')" data-test="guest-ATTENDED">{{ $t('occasions.states.ATTENDED') }}</a-button>
                  <a-button size="small" @click="answer.act(g, 'ABSENT')">{{ $t('occasions.states.ABSENT') }}</a-button></template>
              </a-space>
            </a-list-item>
          </template>
        </a-list>
        <problem-alert :problem="answer.state.problem" />
        <a-form v-if="can.invite" layout="vertical" @submit="guests.send()" data-test="guests-form">
          <a-form-item :label="chosen.kind === 'NEWS' ? $t('occasions.sendTo') : $t('occasions.invite')" :validate-status="guests.state.errors.customers ? 'error' : ''"
            :help="guests.state.errors.customers || $t('occasions.customersHint')">
            <a-textarea v-model:value="guests.values.customers" :rows="2" :maxlength="14000" data-test="guests-customers" /></a-form-item>
          <a-form-item><a-select v-model:value="guests.values.channel" :options="channelOptions" class="form-select" /></a-form-item>
          <problem-alert :problem="guests.state.problem" class="gap" />
          <a-button type="primary" html-type="submit" :loading="guests.state.submitting" data-test="guests-save">{{ chosen.kind === 'NEWS' ? $t('occasions.send') : $t('occasions.inviteIt') }}</a-button>
        </a-form>
      </template>
    </div>
    <template v-if="can.announce">
      <h3 class="subhead">{{ $t('occasions.announce') }}</h3>
      <draft-note :form="announce" />
      <a-form layout="vertical" @submit="announce.send()" data-test="occasion-form">
        <a-form-item><a-radio-group v-model:value="announce.values.kind" :options="kindOptions" data-test="occasion-kind" /></a-form-item>
        <a-form-item :label="$t('occasions.title')" :validate-status="announce.state.errors.title ? 'error' : ''" :help="announce.state.errors.title">
          <a-input v-model:value="announce.values.title" :maxlength="100" data-test="occasion-title" /></a-form-item>
        <div class="field-row" v-if="announce.values.kind !== 'NEWS'">
          <a-form-item :label="$t('occasions.startsAt')" :validate-status="announce.state.errors.startsAt ? 'error' : ''" :help="announce.state.errors.startsAt">
            <a-input v-model:value="announce.values.startsAt" type="datetime-local" data-test="occasion-starts" /></a-form-item>
          <a-form-item :label="$t('occasions.place')" :validate-status="announce.state.errors.place ? 'error' : ''" :help="announce.state.errors.place">
            <a-input v-model:value="announce.values.place" :maxlength="200" /></a-form-item>
        </div>
        <a-form-item :label="$t('occasions.description')" :validate-status="announce.state.errors.description ? 'error' : ''" :help="announce.state.errors.description">
          <a-textarea v-model:value="announce.values.description" :rows="2" :maxlength="4000" /></a-form-item>
        <problem-alert :problem="announce.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="announce.state.submitting" data-test="occasion-save">{{ $t('occasions.announceIt') }}</a-button>
      </a-form>
    </template>
  </div>`,
};
