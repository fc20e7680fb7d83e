// R-ATT-15: the MANAGER redistributes a departing rep's customers among other reps by a
// seeded random draw; the seed and the result are kept, so the draw can be shown fair.
import { api, seg } from '../../api.js';
import { store, staffName, receivingStaff, zone } from '../../store.js';
import { useForm } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { dateTime } from '../../format.js';

const { ref, computed } = Vue;
const { useI18n } = VueI18n;

export const Redistribution = {
  name: 'Redistribution',
  setup() {
    const { locale } = useI18n();
    const site = store.site;
    const draw = ref(null);
    const form = useForm({
      key: `draw:${site}`,
      initial: () => ({ fromRep: undefined, toReps: [], seed: '', reason: '' }),
      rules: {
        fromRep: (v) => (v ? null : 'required'),
        toReps: (v, f) => (!v.length ? 'required' : v.includes(f.fromRep) ? 'drawToSelf' : null),
        seed: (v) => (String(v).trim() === '' || /^-?\d{1,18}$/.test(String(v).trim()) ? null : ['int', { min: 0, max: '10^18' }]),
        reason: (v) => textProblem(v, { required: true, max: 500 }),
      },
      byType: { 'draw-to-self': 'toReps', 'draw-without-reps': 'toReps', 'draw-reason-missing': 'reason', 'rep-unknown': 'fromRep' },
      submit: async (v) => {
        draw.value = await api.post(`/api/customers/sites/${seg(site)}/redistributions`, {
          fromRep: v.fromRep, toReps: v.toReps, seed: String(v.seed).trim() === '' ? undefined : Number(v.seed), reason: v.reason.trim(),
        });
        return draw.value;
      },
    });
    const lookup = useForm({
      key: null,
      initial: () => ({ id: '' }),
      rules: { id: (v) => textProblem(v, { required: true, max: 64 }) },
      byType: { 'draw-unknown': 'id' },
      submit: async (v) => {
        draw.value = await api.get(`/api/customers/sites/${seg(site)}/redistributions/${seg(v.id.trim())}`);
        return draw.value;
      },
    });
    const staffOptions = computed(() => receivingStaff().map((m) => ({ value: m.userId, label: m.name })));
    return { form, lookup, draw, staffOptions, staffName, dateTime, zone, locale };
  },
  template: `
  <div class="columns" data-test="redistribution">
    <a-form layout="vertical" @submit="form.send()">
      <p class="muted">{{ $t('manager.drawHint') }}</p>
      <draft-note :form="form" />
      <a-form-item :label="$t('manager.fromRep')" :validate-status="form.state.errors.fromRep ? 'error' : ''" :help="form.state.errors.fromRep">
        <a-select v-model:value="form.values.fromRep" :options="staffOptions" />
      </a-form-item>
      <a-form-item :label="$t('manager.toReps')" :validate-status="form.state.errors.toReps ? 'error' : ''" :help="form.state.errors.toReps">
        <a-select v-model:value="form.values.toReps" mode="multiple" :options="staffOptions" />
      </a-form-item>
      <a-form-item :label="$t('manager.seed')" :validate-status="form.state.errors.seed ? 'error' : ''" :help="form.state.errors.seed || $t('manager.seedHint')">
        <a-input v-model:value="form.values.seed" inputmode="numeric" :maxlength="19" />
      </a-form-item>
      <a-form-item :label="$t('field.reason')" :validate-status="form.state.errors.reason ? 'error' : ''" :help="form.state.errors.reason">
        <a-input v-model:value="form.values.reason" :maxlength="500" />
      </a-form-item>
      <problem-alert :problem="form.state.problem" class="gap" />
      <a-button type="primary" danger html-type="submit" :loading="form.state.submitting">{{ $t('manager.drawIt') }}</a-button>
    </a-form>
    <div>
      <a-form layout="inline" @submit="lookup.send()" class="gap">
        <a-form-item :validate-status="lookup.state.errors.id ? 'error' : ''" :help="lookup.state.errors.id">
          <a-input v-model:value="lookup.values.id" :placeholder="$t('manager.drawId')" :maxlength="64" />
        </a-form-item>
        <a-button html-type="submit" :loading="lookup.state.submitting">{{ $t('finance.find') }}</a-button>
      </a-form>
      <problem-alert :problem="lookup.state.problem" />
      <div v-if="draw" data-test="draw">
        <dl class="kv">
          <dt>{{ $t('manager.drawId') }}</dt><dd>{{ draw.drawId }}</dd>
          <dt>{{ $t('manager.seed') }}</dt><dd>{{ draw.seed }}</dd>
          <dt>{{ $t('manager.fromRep') }}</dt><dd>{{ staffName(draw.fromRep) }}</dd>
          <dt>{{ $t('manager.drawnBy') }}</dt><dd>{{ staffName(draw.drawnBy) }} · {{ dateTime(draw.at, zone(), locale) }}</dd>
          <dt>{{ $t('field.reason') }}</dt><dd>{{ draw.reason }}</dd>
        </dl>
        <h3 class="subhead">{{ $t('manager.assignments', { n: draw.assignments.length }) }}</h3>
        <p v-for="a in draw.assignments" :key="a.customerId">{{ a.archiveNo }} → {{ staffName(a.toRep) }}</p>
      </div>
    </div>
  </div>`,
};
