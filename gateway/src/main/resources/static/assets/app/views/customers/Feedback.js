// 投诉与建议 — complaints and suggestions (R-CUS-9) taken down by phone, letter or in person, from a
// customer of the archive or someone named; handed on and worked on step by step; resolved by a
// SUPERVISOR or the MANAGER with the resolution. Sales staff and the ASSISTANT take them down.
import { api, seg } from '../../api.js';
import { archiveAbilities } from '../../archive-access.js';
import { store, staffName, zone, receivingStaff } from '../../store.js';
import { useForm, useList } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { dateTime } from '../../format.js';

const { ref, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

export const Feedback = {
  name: 'Feedback',
  setup() {
    const { t, locale } = useI18n();
    const site = store.site;
    const base = `/api/customers/sites/${seg(site)}/feedback`;
    const can = computed(() => archiveAbilities(store.user, site));
    const { state, load, keep: replace } = useList(() => `${base}${state.status ? `?status=${state.status}` : ''}`, { status: '' });
    onMounted(load);
    const receive = useForm({
      key: `feedback:${site}`,
      initial: () => ({ customer: '', contact: '', kind: 'COMPLAINT', channel: 'PHONE', subject: '', text: '', assignTo: '' }),
      rules: {
        customer: (v, f) => textProblem(v, { max: 64 }) || (!v.trim() && !f.contact.trim() ? 'customerOrContact' : null),
        contact: (v) => textProblem(v, { max: 100 }), subject: (v) => textProblem(v, { max: 100 }),
        text: (v) => textProblem(v, { required: true, max: 4000 }),
      },
      byType: { 'customer-unknown': 'customer', 'feedback-from-nobody': 'customer', 'feedback-text-missing': 'text' },
      submit: async (v) => {
        const item = await api.post(base, { customer: v.customer.trim() || null, contact: v.contact.trim() || null, kind: v.kind, channel: v.channel,
          subject: v.subject.trim() || null, text: v.text.trim(), assignTo: v.assignTo || null });
        replace(item);
        return item;
      },
    });
    const chosen = ref(null);
    const mode = ref('step');
    const act = useForm({
      key: null,
      initial: () => ({ note: '', handTo: '' }),
      rules: { note: (v) => (mode.value === 'resolve' ? textProblem(v, { required: true, max: 4000 }) : textProblem(v, { max: 2000 })) },
      byType: { 'feedback-resolution-missing': 'note', 'feedback-step-empty': 'note' },
      submit: async (v) => {
        const path = `${base}/${seg(chosen.value.id)}`;
        const item = mode.value === 'resolve' ? await api.post(`${path}/resolution`, { resolution: v.note.trim() })
          : await api.post(`${path}/steps`, { note: v.note.trim() || null, handTo: v.handTo || null });
        replace(item);
        chosen.value = null;
        return item;
      },
    });
    const open = (item, how) => { chosen.value = item; mode.value = how; act.reset(); };
    const staffOptions = computed(() => [{ value: '', label: t('app.none') }, ...receivingStaff().map((m) => ({ value: m.userId, label: m.name }))]);
    const kindOptions = computed(() => ['COMPLAINT', 'SUGGESTION'].map((k) => ({ value: k, label: t('feedback.kinds.' + k) })));
    const channelOptions = computed(() => ['PHONE', 'LETTER', 'IN_PERSON'].map((k) => ({ value: k, label: t('feedback.channels.' + k) })));
    const statusOptions = computed(() => [{ value: '', label: t('app.all') }, ...['OPEN', 'IN_PROGRESS', 'RESOLVED'].map((k) => ({ value: k, label: t('feedback.states.' + k) }))]);
    return { can, state, load, receive, chosen, mode, act, open, staffOptions, kindOptions, channelOptions, statusOptions, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="feedback">
    <problem-alert :problem="state.problem" />
    <list-cut :at="state.cut" />
    <a-radio-group v-model:value="state.status" :options="statusOptions" option-type="button" size="small" @change="load" class="gap" />
    <a-empty v-if="!state.items.length" :description="$t('feedback.none')" />
    <a-list v-else :data-source="state.items" size="small">
      <template #renderItem="{ item }">
        <a-list-item data-test="feedback-item" :data-id="item.id" :data-status="item.status">
          <a-list-item-meta>
            <template #title><a-tag :color="item.kind === 'COMPLAINT' ? 'red' : 'blue'">{{ $t('feedback.kinds.' + item.kind) }}</a-tag>
              {{ item.subject || '' }} <span class="muted small">{{ item.archiveNo || item.contact }} · {{ $t('feedback.channels.' + item.channel) }} · {{ dateTime(item.receivedAt, zone(), locale) }}</span>
              <a-tag>{{ $t('feedback.states.' + item.status) }}</a-tag></template>
            <template #description><span class="wrap">{{ item.text }}</span>
              <span v-if="item.assignedTo" class="small"><br />{{ $t('feedback.with', { who: staffName(item.assignedTo) }) }}</span>
              <span v-for="(s, i) in item.steps" :key="i" class="small"><br />{{ dateTime(s.at, zone(), locale) }} · {{ staffName(s.by) }}{{ s.note ? '：' + s.note : '' }}{{ s.assignedTo ? ' → ' + staffName(s.assignedTo) : '' }}</span>
              <span v-if="item.resolution" class="small" data-test="feedback-resolution"><br /><strong>{{ $t('feedback.resolution') }}</strong>：{{ item.resolution }} · {{ staffName(item.resolvedBy) }}</span></template>
          </a-list-item-meta>
          <a-space wrap v-if="item.status !== 'RESOLVED'">
            <a-button v-if="can.stepFeedback(item)" size="small" @click="open(item, 'step')" data-test="feedback-step">{{ $t('feedback.step') }}</a-button>
            <a-button v-if="can.resolveFeedback" size="small" type="primary" @click="open(item, 'resolve')" data-test="feedback-resolve">{{ $t('feedback.resolve') }}</a-button>
          </a-space>
        </a-list-item>
      </template>
    </a-list>
    <template v-if="can.receiveFeedback">
      <h3 class="subhead">{{ $t('feedback.receive') }}</h3>
      <draft-note :form="receive" />
      <a-form layout="vertical" @submit="receive.send()" data-test="feedback-form">
        <div class="field-row">
          <a-form-item :label="$t('feedback.customer')" :validate-status="receive.state.errors.customer ? 'error' : ''" :help="receive.state.errors.customer">
            <a-input v-model:value="receive.values.customer" :maxlength="64" data-test="feedback-customer" /></a-form-item>
          <a-form-item :label="$t('feedback.contact')" :validate-status="receive.state.errors.contact ? 'error' : ''" :help="receive.state.errors.contact">
            <a-input v-model:value="receive.values.contact" :maxlength="100" /></a-form-item>
        </div>
        <a-form-item><a-radio-group v-model:value="receive.values.kind" :options="kindOptions" data-test="feedback-kind" /></a-form-item>
        <a-form-item><a-radio-group v-model:value="receive.values.channel" :options="channelOptions" data-test="feedback-channel" /></a-form-item>
        <a-form-item :label="$t('feedback.subject')" :validate-status="receive.state.errors.subject ? 'error' : ''" :help="receive.state.errors.subject">
          <a-input v-model:value="receive.values.subject" :maxlength="100" /></a-form-item>
        <a-form-item :label="$t('feedback.text')" :validate-status="receive.state.errors.text ? 'error' : ''" :help="receive.state.errors.text">
          <a-textarea v-model:value="receive.values.text" :rows="3" :maxlength="4000" data-test="feedback-text" /></a-form-item>
        <a-form-item :label="$t('feedback.assignTo')" :validate-status="receive.state.errors.assignTo ? 'error' : ''" :help="receive.state.errors.assignTo">
          <a-select v-model:value="receive.values.assignTo" :options="staffOptions" class="form-select" /></a-form-item>
        <problem-alert :problem="receive.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="receive.state.submitting" data-test="feedback-save">{{ $t('app.save') }}</a-button>
      </a-form>
    </template>
    <a-modal :open="!!chosen" :title="mode === 'resolve' ? $t('feedback.resolve') : $t('feedback.step')" :footer="null" @cancel="chosen = null" destroy-on-close>
      <a-form layout="vertical" @submit="act.send()" data-test="feedback-act-form">
        <a-form-item :label="mode === 'resolve' ? $t('feedback.resolution') : $t('field.note')" :validate-status="act.state.errors.note ? 'error' : ''" :help="act.state.errors.note">
          <a-textarea v-model:value="act.values.note" :rows="3" :maxlength="4000" data-test="feedback-act-note" /></a-form-item>
        <a-form-item v-if="mode === 'step'" :label="$t('feedback.handTo')" :validate-status="act.state.errors.handTo ? 'error' : ''" :help="act.state.errors.handTo">
          <a-select v-model:value="act.values.handTo" :options="staffOptions" class="form-select" /></a-form-item>
        <problem-alert :problem="act.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="act.state.submitting" data-test="feedback-act-save">{{ $t('app.confirm') }}</a-button>
      </a-form>
    </a-modal>
  </div>`,
};
