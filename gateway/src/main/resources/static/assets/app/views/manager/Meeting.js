// 夕会记录 — the evening meeting's record (R-OPS-1): what each rep reported — the customers they name
// (by archive number or name; a new customer marked), follow-ups, analysis, whether the day's
// registrations were handed in. The MANAGER saves it whole on its own day (a past day is kept
// as it was, 409); `revision` guards against saving over a newer save. Sales staff read it.
import { api, seg } from '../../api.js';
import { abilities } from '../../access.js';
import { store, siteToday, staffName, receivingStaff } from '../../store.js';
import { useForm } from '../../forms.js';
import { textProblem, mentionOf } from '../../validate.js';

const { reactive, computed, onMounted } = Vue;

export const Meeting = {
  name: 'Meeting',
  setup() {
    const site = store.site;
    const can = computed(() => abilities(store.user, site));
    const state = reactive({ day: siteToday(), record: null, problem: null, loading: true });
    const path = () => `/api/reception/sites/${seg(site)}/meetings/${seg(state.day)}`;
    const blankReports = () => receivingStaff().filter((m) => m.role === 'SALES' || m.role === 'SUPERVISOR')
      .map((m) => ({ rep: m.userId, customers: '', followUps: '', analysis: '', registrationsHandedIn: false }));
    const form = useForm({
      key: null, // filled from the record as it stands: no draft to keep apart from it
      keep: true,
      initial: () => ({ reports: blankReports(), notes: '' }),
      rules: {
        reports: (v) => (v.some((r) => r.customers.length > 4000 || r.followUps.length > 2000 || r.analysis.length > 2000) ? 'tooLong' : null),
        notes: (v) => textProblem(v, { max: 4000 }),
      },
      byType: { 'meeting-closed': 'notes', 'meeting-revision': 'notes', 'meeting-invalid': 'reports' },
      submit: async (v) => {
        state.record = await api.put(path(), {
          reports: v.reports.map((r) => ({
            rep: r.rep, customers: r.customers.split(/[\n,，、]/).filter((x) => x.trim()).map(mentionOf),
            followUps: r.followUps.trim() || null, analysis: r.analysis.trim() || null, registrationsHandedIn: r.registrationsHandedIn,
          })),
          notes: v.notes.trim() || null,
          revision: state.record?.revision ?? null,
        });
        return state.record;
      },
    });
    function fill(record) {
      if (!record) return;
      const byRep = new Map(record.reports.map((r) => [r.rep, r]));
      form.values.reports = [...blankReports().filter((r) => !byRep.has(r.rep)), ...record.reports.map((r) => ({
        rep: r.rep,
        customers: r.customers.map((c) => `${c.archiveNo || c.name || ''}${c.newCustomer ? '*' : ''}`).join('\n'),
        followUps: r.followUps || '', analysis: r.analysis || '', registrationsHandedIn: !!r.registrationsHandedIn,
      }))].sort((a, b) => a.rep.localeCompare(b.rep));
      form.values.notes = record.notes || '';
    }
    async function load() {
      state.loading = true;
      state.problem = null;
      try {
        state.record = await api.get(path());
      } catch (error) {
        state.record = null;
        if (error.status !== 404) state.problem = error;
      } finally {
        state.loading = false;
      }
      if (!form.state.restored) fill(state.record);
    }
    onMounted(load);
    const editable = computed(() => can.value.recordMeeting && state.day === siteToday());
    return { state, form, load, editable, staffName };
  },
  template: `
  <div data-test="meeting">
    <a-form layout="inline" @submit="load" class="gap">
      <a-form-item :label="$t('manager.day')"><a-input v-model:value="state.day" type="date" data-test="meeting-day" /></a-form-item>
      <a-button html-type="submit" :loading="state.loading">{{ $t('reports.show') }}</a-button>
    </a-form>
    <problem-alert :problem="state.problem" />
    <p v-if="state.record" class="muted small" data-test="meeting-revision" :data-revision="state.record.revision">
      {{ $t('meeting.recorded', { by: staffName(state.record.recordedBy), n: state.record.revision }) }}</p>
    <p v-else-if="!state.loading" class="muted" data-test="meeting-none">{{ $t('meeting.none') }}</p>
    <template v-if="editable">
      <p class="muted small">{{ $t('meeting.hint') }}</p>
      <a-form layout="vertical" @submit="form.send()" data-test="meeting-form">
        <div v-for="r in form.values.reports" :key="r.rep" class="meeting-rep" data-test="meeting-rep" :data-rep="r.rep">
          <h3 class="subhead">{{ staffName(r.rep) }}</h3>
          <div class="field-row">
            <a-form-item :label="$t('meeting.customers')"><a-textarea v-model:value="r.customers" :rows="2" :maxlength="4000" data-test="meeting-customers" /></a-form-item>
            <a-form-item :label="$t('meeting.followUps')"><a-textarea v-model:value="r.followUps" :rows="2" :maxlength="2000" /></a-form-item>
            <a-form-item :label="$t('meeting.analysis')"><a-textarea v-model:value="r.analysis" :rows="2" :maxlength="2000" /></a-form-item>
          </div>
          <a-checkbox v-model:checked="r.registrationsHandedIn">{{ $t('meeting.handedIn') }}</a-checkbox>
        </div>
        <a-form-item :label="$t('field.note')" class="gap-top" :validate-status="form.state.errors.notes || form.state.errors.reports ? 'error' : ''"
          :help="form.state.errors.notes || form.state.errors.reports">
          <a-textarea v-model:value="form.values.notes" :rows="2" :maxlength="4000" data-test="meeting-notes" /></a-form-item>
        <problem-alert :problem="form.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="form.state.submitting" data-test="meeting-save">{{ $t('meeting.save') }}</a-button>
      </a-form>
    </template>
    <template v-else-if="state.record">
      <div v-for="r in state.record.reports" :key="r.rep" class="gap" data-test="meeting-report" :data-rep="r.rep">
        <h3 class="subhead">{{ staffName(r.rep) }} <a-tag v-if="r.registrationsHandedIn" color="green">{{ $t('meeting.handedIn') }}</a-tag></h3>
        <p><a-tag v-for="c in r.customers" :key="(c.archiveNo || c.name) + c.phoneMasked" :color="c.newCustomer ? 'blue' : ''">{{ c.name || c.archiveNo }} {{ c.phoneMasked || '' }}</a-tag></p>
        <p v-if="r.followUps" class="small">{{ $t('meeting.followUps') }}：{{ r.followUps }}</p>
        <p v-if="r.analysis" class="small">{{ $t('meeting.analysis') }}：{{ r.analysis }}</p>
      </div>
      <p v-if="state.record.notes" class="small">{{ state.record.notes }}</p>
    </template>
  </div>`,
};
