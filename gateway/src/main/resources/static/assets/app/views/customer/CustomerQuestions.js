// On the card: the rep raises a customer's objection or question for the MANAGER (R-CUS-5), and
// sees this customer's questions with the MANAGER's answers.
import { api, seg } from '../../api.js';
import { archiveAbilities } from '../../archive-access.js';
import { store } from '../../store.js';
import { useForm } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { Questions } from '../customers/Questions.js';

const { ref, computed } = Vue;
const { useI18n } = VueI18n;

export const CustomerQuestions = {
  name: 'CustomerQuestions',
  components: { Questions },
  props: { customer: { type: Object, required: true } },
  setup(props) {
    const { t } = useI18n();
    const site = store.site;
    const id = props.customer.customerId || props.customer.id;
    const can = computed(() => archiveAbilities(store.user, site));
    const shown = ref(0);
    const raise = useForm({
      key: `question:${site}:${id}`,
      initial: () => ({ kind: 'OBJECTION', text: '' }),
      rules: { text: (v) => textProblem(v, { required: true, max: 2000 }) },
      byType: { 'question-invalid': 'text', 'not-customers-rep': 'text' },
      submit: async (v) => {
        const answer = await api.post(`/api/customers/sites/${seg(site)}/questions`, { customer: id, kind: v.kind, text: v.text.trim() });
        shown.value += 1;
        return answer;
      },
    });
    const kindOptions = computed(() => ['OBJECTION', 'QUESTION'].map((k) => ({ value: k, label: t('questions.kinds.' + k) })));
    return { can, id, raise, shown, kindOptions };
  },
  template: `
  <section class="panel" data-test="customer-questions" v-if="can.readQuestions">
    <h2>{{ $t('questions.title') }}</h2>
    <questions :customer="id" :key="shown" />
    <template v-if="can.raiseQuestion(customer)">
      <h3 class="subhead">{{ $t('questions.raise') }}</h3>
      <a-form layout="vertical" @submit="raise.send()" data-test="question-form">
        <a-form-item><a-radio-group v-model:value="raise.values.kind" :options="kindOptions" data-test="question-kind" /></a-form-item>
        <a-form-item :validate-status="raise.state.errors.text ? 'error' : ''" :help="raise.state.errors.text">
          <a-textarea v-model:value="raise.values.text" :rows="2" :maxlength="2000" data-test="question-text" /></a-form-item>
        <problem-alert :problem="raise.state.problem" class="gap" />
        <a-button html-type="submit" :loading="raise.state.submitting" data-test="question-save">{{ $t('questions.toManager') }}</a-button>
      </a-form>
    </template>
  </section>`,
};
