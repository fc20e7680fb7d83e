// Choosing the customer an action is for (a hold is for a customer of the rep's, R-DEAL-2):
// the rep's recent customers, or one found by phone.
import { recentCustomers, findByPhone } from '../customers.js';
import { phoneProblem } from '../validate.js';
import { detailIn } from '../problems.js';
import { store } from '../store.js';

const { ref, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

export const CustomerPicker = {
  name: 'CustomerPicker',
  props: { value: { type: String, default: undefined }, status: { type: String, default: '' } },
  emits: ['update:value'],
  setup(props, { emit }) {
    const { t, locale } = useI18n();
    const options = ref([]);
    const phone = ref('');
    const searching = ref(false);
    const searchError = ref('');
    const label = (c) => `${c.name || t('desk.customer')} ${c.phone || ''} ${c.archiveNo ? '· ' + c.archiveNo : ''}`.trim();
    onMounted(async () => {
      const mine = await recentCustomers(store.site, { servedBy: store.user.id }).catch(() => []);
      options.value = mine.map((c) => ({ value: c.customerId, label: label(c) }));
    });
    async function search() {
      searchError.value = '';
      const wrong = phoneProblem(phone.value);
      if (wrong) {
        searchError.value = t(`validation.${wrong}`);
        return;
      }
      searching.value = true;
      try {
        const found = await findByPhone(store.site, phone.value);
        const option = { value: found.id, label: label({ name: found.name, phone: found.phones?.[0], archiveNo: found.archiveNo }) };
        options.value = [option, ...options.value.filter((o) => o.value !== found.id)];
        emit('update:value', found.id);
      } catch (error) {
        searchError.value = error.status === 404 ? t('customer.notFound') : detailIn(error.detail, locale.value);
      } finally {
        searching.value = false;
      }
    }
    const empty = computed(() => !options.value.length);
    return { options, phone, searching, searchError, search, empty, emit };
  },
  template: `
  <div class="customer-picker" data-test="customer-picker">
    <a-select :value="value" :options="options" :status="status" data-test="customer-pick" style="width: 100%"
      :placeholder="empty ? $t('customer.noneRecent') : $t('customer.pick')" @change="(v) => emit('update:value', v)" />
    <a-input-search v-model:value="phone" class="gap-top" inputmode="tel" :maxlength="40" data-test="customer-search"
      :placeholder="$t('customer.searchByPhone')" :loading="searching" :enter-button="$t('customer.find')" @search="search" />
    <p v-if="searchError" class="ant-form-item-explain-error" data-test="customer-search-error">{{ searchError }}</p>
  </div>`,
};
