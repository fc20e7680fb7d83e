// 老带新与交叉介绍 — referrals (R-CUS-12): who referred whom, or two customers introduced for business;
// the referrer's reward — a gift described or cash with its amount — proposed by a rep, approved or
// declined by the MANAGER, given (a gift: SUPERVISOR, MANAGER, ASSISTANT) or paid (cash: FINANCE
// only, R-SEC-2). Each step shows with who and when.
import { api, seg } from '../../api.js';
import { archiveAbilities } from '../../archive-access.js';
import { store, staffName, zone } from '../../store.js';
import { useForm, useAction, useList } from '../../forms.js';
import { textProblem, amountProblem } from '../../validate.js';
import { dateTime, money } from '../../format.js';

const { ref, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

/** Where a reward may go from where it stands (Referral.rewardMoved). */
const NEXT = { PROPOSED: ['APPROVED', 'DECLINED'], APPROVED: ['GIVEN', 'PAID'] };

export const Referrals = {
  name: 'Referrals',
  setup() {
    const { t, locale } = useI18n();
    const site = store.site;
    const base = `/api/customers/sites/${seg(site)}/referrals`;
    const can = computed(() => archiveAbilities(store.user, site));
    const { state, load, keep } = useList(base);
    onMounted(load);
    const refer = useForm({
      key: `referral:${site}`,
      initial: () => ({ kind: 'REFERRAL', referrer: '', referred: '', note: '' }),
      rules: { referrer: (v) => textProblem(v, { required: true, max: 64 }), referred: (v, f) => textProblem(v, { required: true, max: 64 })
        || (v.trim() && v.trim() === f.referrer.trim() ? 'referralSelf' : null), note: (v) => textProblem(v, { max: 1000 }) },
      byType: { 'referral-self': 'referred', 'referral-exists': 'referred', 'customer-unknown': 'referrer' },
      submit: async (v) => { const item = await api.post(base, { kind: v.kind, referrer: v.referrer.trim(), referred: v.referred.trim(), note: v.note.trim() || null }); keep(item); return item; },
    });
    const chosen = ref(null);
    const reward = useForm({
      key: null,
      initial: () => ({ kind: 'GIFT', description: '', amount: '' }),
      rules: { description: (v) => textProblem(v, { required: true, max: 200 }),
        amount: (v, f) => (f.kind === 'CASH' ? amountProblem(v, { max: 1000000 }) : null) },
      byType: { 'reward-amount-missing': 'amount', 'reward-too-large': 'amount', 'amount-invalid': 'amount', 'reward-exists': 'description',
        'reward-not-for-introductions': 'description' },
      submit: async (v) => {
        const item = await api.post(`${base}/${seg(chosen.value.id)}/reward`, { kind: v.kind, description: v.description.trim(),
          amount: v.kind === 'CASH' ? v.amount.trim().replace(/,/g, '') : null });
        keep(item);
        chosen.value = null;
        return item;
      },
    });
    const move = useAction(async (item, to) => { const answer = await api.post(`${base}/${seg(item.id)}/reward/state`, { state: to }); keep(answer); return answer; });
    const nextStates = (item) => (item.reward ? (NEXT[item.reward.state] || []).filter((to) => (to !== 'GIVEN' || item.reward.kind === 'GIFT')
      && (to !== 'PAID' || item.reward.kind === 'CASH') && can.value.rewardTo(to)) : []);
    const kindOptions = computed(() => ['REFERRAL', 'CROSS_INTRODUCTION'].map((k) => ({ value: k, label: t('referrals.kinds.' + k) })));
    const rewardKinds = computed(() => ['GIFT', 'CASH'].map((k) => ({ value: k, label: t('referrals.rewardKinds.' + k) })));
    return { can, state, refer, chosen, reward, move, nextStates, kindOptions, rewardKinds, staffName, dateTime, zone, locale, money };
  },
  template: `
  <div data-test="referrals">
    <problem-alert :problem="state.problem" />
    <list-cut :at="state.cut" />
    <a-empty v-if="!state.items.length" :description="$t('referrals.none')" />
    <a-list v-else :data-source="state.items" size="small">
      <template #renderItem="{ item }">
        <a-list-item data-test="referral" :data-id="item.id" :data-referrer="item.referrerArchiveNo" :data-reward="item.reward ? item.reward.state : ''">
          <a-list-item-meta>
            <template #title><a-tag>{{ $t('referrals.kinds.' + item.kind) }}</a-tag>{{ item.referrerArchiveNo }} → {{ item.referredArchiveNo }}
              <span class="muted small">{{ staffName(item.recordedBy) }} · {{ dateTime(item.at, zone(), locale) }}</span></template>
            <template #description>{{ item.note || '' }}
              <span v-if="item.reward" class="small"><br />{{ $t('referrals.rewardKinds.' + item.reward.kind) }}：{{ item.reward.description }}{{ item.reward.amount ? ' ' + money(item.reward.amount.amount ?? item.reward.amount) : '' }}
                <a-tag color="gold" data-test="reward-state">{{ $t('referrals.states.' + item.reward.state) }}</a-tag>
                <span v-for="(s, i) in item.reward.steps" :key="i"> · {{ $t('referrals.states.' + s.state) }} {{ staffName(s.by) }}</span></span></template>
          </a-list-item-meta>
          <a-space wrap>
            <a-button v-if="!item.reward && item.kind === 'REFERRAL' && can.proposeReward" size="small" @click="chosen = item; reward.reset()" data-test="reward-propose">{{ $t('referrals.propose') }}</a-button>
            <a-button v-for="to in nextStates(item)" :key="to" size="small" :type="to === 'DECLINED' ? 'default' : 'primary'" :loading="move.state.busy"
              :data-test="'reward-' + to" @click="move.act(item, to)">{{ $t('referrals.moves.' + to) }}</a-button>
          </a-space>
        </a-list-item>
      </template>
    </a-list>
    <problem-alert :problem="move.state.problem" />
    <template v-if="can.refer">
      <h3 class="subhead">{{ $t('referrals.record') }}</h3>
      <draft-note :form="refer" />
      <a-form layout="vertical" @submit="refer.send()" data-test="referral-form">
        <a-form-item><a-radio-group v-model:value="refer.values.kind" :options="kindOptions" /></a-form-item>
        <div class="field-row">
          <a-form-item :label="$t('referrals.referrer')" :validate-status="refer.state.errors.referrer ? 'error' : ''" :help="refer.state.errors.referrer">
            <a-input v-model:value="refer.values.referrer" :maxlength="64" data-test="referral-referrer" /></a-form-item>
          <a-form-item :label="$t('referrals.referred')" :validate-status="refer.state.errors.referred ? 'error' : ''" :help="refer.state.errors.referred">
            <a-input v-model:value="refer.values.referred" :maxlength="64" data-test="referral-referred" /></a-form-item>
        </div>
        <a-form-item :label="$t('field.note')" :validate-status="refer.state.errors.note ? 'error' : ''" :help="refer.state.errors.note">
          <a-input v-model:value="refer.values.note" :maxlength="1000" /></a-form-item>
        <problem-alert :problem="refer.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="refer.state.submitting" data-test="referral-save">{{ $t('app.save') }}</a-button>
      </a-form>
    </template>
    <a-modal :open="!!chosen" :title="$t('referrals.propose')" :footer="null" @cancel="chosen = null" destroy-on-close>
      <a-form layout="vertical" @submit="reward.send()" data-test="reward-form">
        <a-form-item><a-radio-group v-model:value="reward.values.kind" :options="rewardKinds" data-test="reward-kind" /></a-form-item>
        <a-form-item :label="$t('referrals.description')" :validate-status="reward.state.errors.description ? 'error' : ''" :help="reward.state.errors.description">
          <a-input v-model:value="reward.values.description" :maxlength="200" data-test="reward-description" /></a-form-item>
        <a-form-item v-if="reward.values.kind === 'CASH'" :label="$t('field.amount')" :validate-status="reward.state.errors.amount ? 'error' : ''" :help="reward.state.errors.amount">
          <a-input v-model:value="reward.values.amount" inputmode="decimal" :maxlength="20" data-test="reward-amount" /></a-form-item>
        <problem-alert :problem="reward.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="reward.state.submitting" data-test="reward-save">{{ $t('app.confirm') }}</a-button>
      </a-form>
    </a-modal>
  </div>`,
};
