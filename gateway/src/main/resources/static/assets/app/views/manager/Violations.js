// R-REC-4: violations a SUPERVISOR or MANAGER records; the policy's penalty is recorded with
// each (the system records it, it does not run payroll).
import { api, seg } from '../../api.js';
import { store, staffName, receivingStaff, zone } from '../../store.js';
import { useForm, useList } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { dateTime } from '../../format.js';

const { computed, onMounted, toRefs } = Vue;
const { useI18n } = VueI18n;

const KINDS = ['GRABBING', 'FIGHTING', 'NEGLECT', 'REFUSING_OWNED_CUSTOMER', 'PROVOKING_DISPUTE', 'PRIVATE_COLLECTION', 'REFUSING_RULING'];
const WITH_DEGREES = ['GRABBING', 'FIGHTING', 'NEGLECT', 'REFUSING_OWNED_CUSTOMER'];

export const Violations = {
  name: 'Violations',
  setup() {
    const { t, locale } = useI18n();
    const site = store.site;
    const { state, load } = useList(`/api/reception/sites/${seg(site)}/violations`);
    const { items: list, problem } = toRefs(state);
    onMounted(load);
    const form = useForm({
      key: `violation:${site}`,
      initial: () => ({ rep: undefined, kind: undefined, severity: 'STANDARD', note: '', unitLabel: '' }),
      rules: {
        rep: (v) => (v ? null : 'required'),
        kind: (v) => (v ? null : 'required'),
        note: (v) => textProblem(v, { max: 2000 }),
        unitLabel: (v, f) => textProblem(v, { required: f.kind === 'REFUSING_RULING', max: 50 }),
      },
      byType: { 'rep-unknown': 'rep', 'violation-kind-missing': 'kind', 'unit-required': 'unitLabel' },
      submit: async (v) => {
        const answer = await api.post(`/api/reception/sites/${seg(site)}/violations`, {
          rep: v.rep, kind: v.kind, severity: WITH_DEGREES.includes(v.kind) ? v.severity : undefined,
          note: v.note.trim() || undefined, unitLabel: v.unitLabel.trim() || undefined,
        });
        await load();
        return answer;
      },
    });
    const staffOptions = computed(() => receivingStaff().map((m) => ({ value: m.userId, label: m.name })));
    const kindOptions = computed(() => KINDS.map((k) => ({ value: k, label: t(`manager.kinds.${k}`) })));
    return { list, problem, form, staffOptions, kindOptions, WITH_DEGREES, staffName, dateTime, zone, locale };
  },
  template: `
  <div class="columns" data-test="violations">
    <div>
      <problem-alert :problem="problem" />
      <a-empty v-if="!list.length" :description="$t('manager.noViolations')" />
      <a-list v-else :data-source="list" size="small">
        <template #renderItem="{ item }">
          <a-list-item>
            <a-list-item-meta :description="item.penalty + (item.note ? ' · ' + item.note : '')">
              <template #title>{{ staffName(item.rep) }} · {{ $t('manager.kinds.' + item.kind) }}
                <span class="muted small">{{ dateTime(item.at, zone(), locale) }} · {{ staffName(item.recordedBy) }}</span></template>
            </a-list-item-meta>
          </a-list-item>
        </template>
      </a-list>
    </div>
    <a-form layout="vertical" @submit="form.send()">
      <h3 class="subhead">{{ $t('manager.recordViolation') }}</h3>
      <draft-note :form="form" />
      <a-form-item :label="$t('manager.rep')" :validate-status="form.state.errors.rep ? 'error' : ''" :help="form.state.errors.rep">
        <a-select v-model:value="form.values.rep" :options="staffOptions" />
      </a-form-item>
      <a-form-item :label="$t('manager.kind')" :validate-status="form.state.errors.kind ? 'error' : ''" :help="form.state.errors.kind">
        <a-select v-model:value="form.values.kind" :options="kindOptions" />
      </a-form-item>
      <a-form-item v-if="WITH_DEGREES.includes(form.values.kind)" :label="$t('manager.severity')">
        <a-radio-group v-model:value="form.values.severity">
          <a-radio-button value="STANDARD">{{ $t('manager.severities.STANDARD') }}</a-radio-button>
          <a-radio-button value="SEVERE">{{ $t('manager.severities.SEVERE') }}</a-radio-button>
          <a-radio-button value="ADMINISTRATIVE">{{ $t('manager.severities.ADMINISTRATIVE') }}</a-radio-button>
        </a-radio-group>
      </a-form-item>
      <a-form-item v-if="form.values.kind === 'REFUSING_RULING'" :label="$t('manager.unitLabel')" required
        :validate-status="form.state.errors.unitLabel ? 'error' : ''" :help="form.state.errors.unitLabel">
        <a-input v-model:value="form.values.unitLabel" :maxlength="50" />
      </a-form-item>
      <a-form-item :label="$t('field.note')" :validate-status="form.state.errors.note ? 'error' : ''" :help="form.state.errors.note">
        <a-textarea v-model:value="form.values.note" :rows="2" :maxlength="2000" />
      </a-form-item>
      <problem-alert :problem="form.state.problem" class="gap" />
      <a-alert v-if="form.state.result" type="success" show-icon class="gap" :message="$t('manager.violationRecorded', { penalty: form.state.result.penalty })" />
      <a-button type="primary" html-type="submit" :loading="form.state.submitting">{{ $t('manager.recordViolation') }}</a-button>
    </a-form>
  </div>`,
};
