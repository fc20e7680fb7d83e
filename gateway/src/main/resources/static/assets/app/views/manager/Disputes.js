// R-ATT-16: open disputes (客户交叉); the MANAGER records the settlement or rules, with the
// owner, the credit and bonus shares (credit adding up to 1 unit, bonus to 100%), and the reason.
import { api, seg } from '../../api.js';
import { abilities } from '../../access.js';
import { store, staffName, receivingStaff, zone } from '../../store.js';
import { useForm, useList } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { dateTime } from '../../format.js';

const { ref, computed, onMounted, toRefs } = Vue;
const { useI18n } = VueI18n;

export const Disputes = {
  name: 'Disputes',
  setup() {
    const { locale } = useI18n();
    const site = store.site;
    const can = computed(() => abilities(store.user, site));
    const { state, load } = useList(`/api/customers/sites/${seg(site)}/disputes`);
    const { items: list, problem } = toRefs(state);
    const chosen = ref(null);
    onMounted(load);
    const sharesRight = (shares) => {
      const creditSum = shares.reduce((sum, s) => sum + Math.round(Number(s.credit) * 100), 0);
      const bonusSum = shares.reduce((sum, s) => sum + Number(s.bonusPercent), 0);
      return shares.length && shares.every((s) => s.userId) && creditSum === 100 && bonusSum === 100;
    };
    const ruling = useForm({
      key: null,
      initial: () => ({ outcome: 'RULED', ownerRep: undefined, shares: [], reason: '' }),
      rules: {
        ownerRep: (v, f) => (f.outcome !== 'DEPARTMENT' && !v ? 'required' : null),
        shares: (v, f) => (f.outcome === 'DEPARTMENT' || sharesRight(v) ? null : 'sharesSum'),
        reason: (v) => textProblem(v, { required: true, max: 2000 }),
      },
      byType: { 'shares-invalid': 'shares', 'ruling-reason-missing': 'reason', 'ruling-invalid': 'outcome' },
      submit: async (v) => {
        const answer = await api.post(`/api/customers/sites/${seg(site)}/disputes/${seg(chosen.value.disputeId)}/ruling`, {
          outcome: v.outcome, ownerRep: v.outcome === 'DEPARTMENT' ? undefined : v.ownerRep, reason: v.reason.trim(),
          shares: v.outcome === 'DEPARTMENT' ? undefined : v.shares.map((s) => ({ userId: s.userId, credit: Number(s.credit), bonusPercent: Number(s.bonusPercent) })),
        });
        chosen.value = null;
        await load();
        return answer;
      },
    });
    const open = (item) => {
      ruling.reset();
      ruling.values.shares = item.parties.map((p, i) => ({ userId: p, credit: i === 0 ? 1 : 0, bonusPercent: i === 0 ? 100 : 0 }));
      ruling.values.ownerRep = item.parties[0];
      chosen.value = item;
    };
    const staffOptions = computed(() => receivingStaff().map((m) => ({ value: m.userId, label: m.name })));
    return { can, list, problem, chosen, ruling, open, staffName, staffOptions, dateTime, zone, locale };
  },
  template: `
  <div data-test="disputes">
    <problem-alert :problem="problem" />
    <a-empty v-if="!list.length" :description="$t('manager.noDisputes')" />
    <a-list v-else :data-source="list">
      <template #renderItem="{ item }">
        <a-list-item>
          <a-list-item-meta :description="item.reason">
            <template #title>{{ item.archiveNo }} {{ item.phone }} · {{ item.parties.map(staffName).join('、') }}
              <span class="muted small">{{ dateTime(item.openedAt, zone(), locale) }}</span></template>
          </a-list-item-meta>
          <a-button v-if="can.ruleDisputes" size="small" type="primary" @click="open(item)">{{ $t('manager.rule') }}</a-button>
        </a-list-item>
      </template>
    </a-list>
    <a-modal :open="!!chosen" :title="$t('manager.rule')" :footer="null" @cancel="chosen = null" destroy-on-close width="640px">
      <a-form v-if="chosen" layout="vertical" @submit="ruling.send()">
        <a-form-item :label="$t('manager.outcome')" :validate-status="ruling.state.errors.outcome ? 'error' : ''" :help="ruling.state.errors.outcome">
          <a-radio-group v-model:value="ruling.values.outcome">
            <a-radio-button value="AMICABLE">{{ $t('manager.outcomes.AMICABLE') }}</a-radio-button>
            <a-radio-button value="RULED">{{ $t('manager.outcomes.RULED') }}</a-radio-button>
            <a-radio-button value="DEPARTMENT">{{ $t('manager.outcomes.DEPARTMENT') }}</a-radio-button>
          </a-radio-group>
        </a-form-item>
        <template v-if="ruling.values.outcome !== 'DEPARTMENT'">
          <a-form-item :label="$t('customer.owner')" :validate-status="ruling.state.errors.ownerRep ? 'error' : ''" :help="ruling.state.errors.ownerRep">
            <a-select v-model:value="ruling.values.ownerRep" :options="staffOptions" />
          </a-form-item>
          <a-form-item :label="$t('manager.shares')" :validate-status="ruling.state.errors.shares ? 'error' : ''" :help="ruling.state.errors.shares || $t('manager.sharesHint')">
            <div v-for="(s, i) in ruling.values.shares" :key="i" class="field-row">
              <a-select v-model:value="s.userId" :options="staffOptions" />
              <a-input-number v-model:value="s.credit" :min="0" :max="1" :step="0.5" :precision="2" :addon-after="$t('manager.unitsShort')" />
              <a-input-number v-model:value="s.bonusPercent" :min="0" :max="100" :precision="0" addon-after="%" />
            </div>
          </a-form-item>
        </template>
        <a-form-item :label="$t('field.reason')" :validate-status="ruling.state.errors.reason ? 'error' : ''" :help="ruling.state.errors.reason">
          <a-textarea v-model:value="ruling.values.reason" :rows="2" :maxlength="2000" />
        </a-form-item>
        <problem-alert :problem="ruling.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="ruling.state.submitting">{{ $t('manager.recordRuling') }}</a-button>
      </a-form>
    </a-modal>
  </div>`,
};
