// 客户关怀 — the care profile on the card (R-CUS-8, R-CUS-12): hobbies, the family's birthdays
// solar or lunar (农历, a leap month too) as each keeps them, holiday greetings, an important
// customer's gift, occupation and industry, a key person's circle. The customer's rep, a
// SUPERVISOR or the MANAGER writes it whole; the site's sales staff and ASSISTANT read it.
import { api, seg } from '../../api.js';
import { archiveAbilities } from '../../archive-access.js';
import { store, siteToday, staffName, zone } from '../../store.js';
import { useForm } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { birthdayProblem, hobbiesOf, hobbiesProblem } from '../../archive-validate.js';
import { dateTime } from '../../format.js';

const { reactive, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

const RELATIONS = ['SELF', 'SPOUSE', 'CHILD', 'PARENT', 'OTHER'];
const CN_DAYS = ['', '初一', '初二', '初三', '初四', '初五', '初六', '初七', '初八', '初九', '初十', '十一', '十二', '十三', '十四', '十五', '十六',
  '十七', '十八', '十九', '二十', '廿一', '廿二', '廿三', '廿四', '廿五', '廿六', '廿七', '廿八', '廿九', '三十'];

/** 公历 3月8日, 农历闰四月初三 — as people write them. */
export function birthdayLabel(b) {
  if (!b) return '—';
  const year = b.year ? `${b.year}年` : '';
  if (b.calendar === 'SOLAR') return `公历 ${year}${b.month}月${b.day}日`;
  return `农历 ${year}${b.leapMonth ? '闰' : ''}${b.month}月${CN_DAYS[b.day] || b.day}`;
}

const blankPerson = () => ({ name: '', relation: 'SELF', calendar: 'SOLAR', year: '', month: '', day: '', leapMonth: false });

export const Care = {
  name: 'Care',
  props: { customer: { type: Object, required: true } },
  setup(props) {
    const { t, locale } = useI18n();
    const site = store.site;
    const path = `/api/customers/sites/${seg(site)}/customers/${seg(props.customer.customerId || props.customer.id)}/care`;
    const can = computed(() => archiveAbilities(store.user, site));
    const state = reactive({ profile: null, problem: null, loaded: false });
    const today = siteToday();
    const thisYear = Number(today.slice(0, 4));
    const valuesOf = (p) => ({
      hobbies: (p?.hobbies || []).join('，'), occupation: p?.occupation || '', industry: p?.industry || '', festivalGreetings: p ? !!p.festivalGreetings : true,
      giftKind: p?.gift?.kind || '', giftNote: p?.gift?.note || '', circle: p?.keyPerson?.circle || '', circleNote: p?.keyPerson?.note || '', note: p?.note || '',
      people: (p?.people || []).map((x) => ({ name: x.name, relation: x.relation, calendar: x.birthday?.calendar || '', year: x.birthday?.year ?? '',
        month: x.birthday?.month ?? '', day: x.birthday?.day ?? '', leapMonth: !!x.birthday?.leapMonth })),
    });
    const personProblem = (p) => (!String(p.name || '').trim() ? 'required' : String(p.name).length > 50 ? 'tooLong' : birthdayProblem(p, thisYear, today));
    const form = useForm({
      key: null,
      keep: true,
      initial: () => valuesOf(null),
      rules: {
        hobbies: (v) => hobbiesProblem(v), occupation: (v) => textProblem(v, { max: 50 }), industry: (v) => textProblem(v, { max: 50 }),
        giftNote: (v) => textProblem(v, { max: 200 }), circle: (v) => textProblem(v, { max: 100 }), circleNote: (v, f) => textProblem(v, { max: 500 })
          || (v.trim() && !f.circle.trim() ? 'circleMissing' : null),
        note: (v) => textProblem(v, { max: 2000 }),
        people: (v) => (v.length > 20 ? 'tooManyPeople' : v.filter((p) => p.relation === 'SELF').length > 1 ? 'selfTwice'
          : v.map(personProblem).find(Boolean) || null),
      },
      byType: { 'birthday-invalid': 'people', 'care-person-invalid': 'people', 'care-self-twice': 'people', 'care-too-many-people': 'people',
        'care-too-many-hobbies': 'hobbies' },
      submit: async (v) => {
        const num = (x) => (x === '' || x === null ? null : Number(x));
        state.profile = await api.put(path, {
          hobbies: hobbiesOf(v.hobbies), occupation: v.occupation.trim() || null, industry: v.industry.trim() || null,
          festivalGreetings: v.festivalGreetings, gift: v.giftKind ? { kind: v.giftKind, note: v.giftNote.trim() || null } : null,
          keyPerson: v.circle.trim() ? { circle: v.circle.trim(), note: v.circleNote.trim() || null } : null, note: v.note.trim() || null,
          people: v.people.map((p) => ({ name: p.name.trim(), relation: p.relation, calendar: p.calendar || null, year: num(p.year), month: num(p.month),
            day: num(p.day), leapMonth: p.calendar === 'LUNAR' ? !!p.leapMonth : false })),
        });
        Object.assign(form.values, valuesOf(state.profile));
        return state.profile;
      },
    });
    // each person's own problem, once the form was sent
    const personErrors = computed(() => (form.state.errors.people ? form.values.people.map((p) => {
      const key = personProblem(p);
      if (!key) return '';
      return Array.isArray(key) ? t(`validation.${key[0]}`, key[1]) : t(`validation.${key}`);
    }) : []));
    async function load() {
      try {
        state.profile = await api.get(path);
        Object.assign(form.values, valuesOf(state.profile));
        state.problem = null;
      } catch (error) {
        state.profile = null;
        if (error.type !== 'care-profile-unknown') state.problem = error;
      } finally {
        state.loaded = true;
      }
    }
    onMounted(() => { if (can.value.readCare) load(); });
    const addPerson = () => form.values.people.push(blankPerson());
    const removePerson = (i) => form.values.people.splice(i, 1);
    const relationOptions = computed(() => RELATIONS.map((r) => ({ value: r, label: t('care.relations.' + r) })));
    const calendarOptions = computed(() => [{ value: 'SOLAR', label: t('care.solar') }, { value: 'LUNAR', label: t('care.lunar') }, { value: '', label: t('care.noBirthday') }]);
    const giftOptions = computed(() => [{ value: '', label: t('app.none') }, ...['FLOWERS', 'CAKE', 'OTHER'].map((g) => ({ value: g, label: t('customers.gifts.' + g) }))]);
    return { t, locale, can, state, form, personErrors, addPerson, removePerson, relationOptions, calendarOptions, giftOptions, birthdayLabel, staffName, dateTime, zone };
  },
  template: `
  <section class="panel" data-test="care" v-if="can.readCare">
    <h2>{{ $t('care.title') }}</h2>
    <problem-alert :problem="state.problem" />
    <p v-if="state.profile && state.profile.erased" class="muted" data-test="care-erased">{{ $t('care.erased') }}</p>
    <template v-if="state.profile">
      <p class="muted small">{{ staffName(state.profile.updatedBy) }} · {{ dateTime(state.profile.updatedAt, zone(), locale) }}</p>
      <p v-for="(p, i) in state.profile.people" :key="'p' + i" class="small" data-test="care-person" :data-calendar="p.birthday ? p.birthday.calendar : ''">
        {{ p.name }}（{{ $t('care.relations.' + p.relation) }}）· {{ birthdayLabel(p.birthday) }}</p>
      <p v-if="state.profile.gift" class="small"><a-tag color="purple" data-test="care-gift">{{ $t('customers.gifts.' + state.profile.gift.kind) }}</a-tag>{{ state.profile.gift.note || '' }}</p>
    </template>
    <p v-else-if="state.loaded" class="muted small">{{ $t('care.none') }}</p>
    <a-form v-if="can.writeCare(customer)" layout="vertical" @submit="form.send()" data-test="care-form">
      <a-form-item :label="$t('care.hobbies')" :validate-status="form.state.errors.hobbies ? 'error' : ''" :help="form.state.errors.hobbies || $t('care.hobbiesHint')">
        <a-input v-model:value="form.values.hobbies" :maxlength="1200" data-test="care-hobbies" /></a-form-item>
      <div class="field-row">
        <a-form-item :label="$t('care.occupation')" :validate-status="form.state.errors.occupation ? 'error' : ''" :help="form.state.errors.occupation">
          <a-input v-model:value="form.values.occupation" :maxlength="50" /></a-form-item>
        <a-form-item :label="$t('care.industry')" :validate-status="form.state.errors.industry ? 'error' : ''" :help="form.state.errors.industry">
          <a-input v-model:value="form.values.industry" :maxlength="50" /></a-form-item>
      </div>
      <h3 class="subhead">{{ $t('care.people') }}</h3>
      <div v-for="(p, i) in form.values.people" :key="i" class="care-person" data-test="care-person-form">
        <div class="field-row">
          <a-input v-model:value="p.name" :maxlength="50" :placeholder="$t('care.name')" data-test="person-name" />
          <a-select v-model:value="p.relation" :options="relationOptions" class="short-select" data-test="person-relation" />
          <a-select v-model:value="p.calendar" :options="calendarOptions" class="short-select" data-test="person-calendar" />
        </div>
        <div class="field-row" v-if="p.calendar">
          <a-input v-model:value="p.year" inputmode="numeric" :maxlength="4" :placeholder="$t('care.year')" data-test="person-year" />
          <a-input v-model:value="p.month" inputmode="numeric" :maxlength="2" :placeholder="$t('care.month')" data-test="person-month" />
          <a-input v-model:value="p.day" inputmode="numeric" :maxlength="2" :placeholder="$t('care.day')" data-test="person-day" />
          <a-checkbox v-if="p.calendar === 'LUNAR'" v-model:checked="p.leapMonth" data-test="person-leap">{{ $t('care.leapMonth') }}</a-checkbox>
        </div>
        <p v-if="personErrors[i]" class="field-error" data-test="person-error">{{ personErrors[i] }}</p>
        <a-button size="small" @click="removePerson(i)">{{ $t('care.remove') }}</a-button>
      </div>
      <a-form-item :validate-status="form.state.errors.people ? 'error' : ''" :help="form.state.errors.people">
        <a-button size="small" @click="addPerson" data-test="add-person">{{ $t('care.addPerson') }}</a-button></a-form-item>
      <a-form-item><a-checkbox v-model:checked="form.values.festivalGreetings" data-test="care-festivals">{{ $t('care.festivals') }}</a-checkbox></a-form-item>
      <div class="field-row">
        <a-form-item :label="$t('care.gift')"><a-select v-model:value="form.values.giftKind" :options="giftOptions" class="short-select" data-test="care-gift-kind" /></a-form-item>
        <a-form-item :label="$t('field.note')" :validate-status="form.state.errors.giftNote ? 'error' : ''" :help="form.state.errors.giftNote">
          <a-input v-model:value="form.values.giftNote" :maxlength="200" /></a-form-item>
      </div>
      <div class="field-row">
        <a-form-item :label="$t('care.circle')" :validate-status="form.state.errors.circle ? 'error' : ''" :help="form.state.errors.circle">
          <a-input v-model:value="form.values.circle" :maxlength="100" /></a-form-item>
        <a-form-item :label="$t('field.note')" :validate-status="form.state.errors.circleNote ? 'error' : ''" :help="form.state.errors.circleNote">
          <a-input v-model:value="form.values.circleNote" :maxlength="500" /></a-form-item>
      </div>
      <a-form-item :label="$t('field.note')" :validate-status="form.state.errors.note ? 'error' : ''" :help="form.state.errors.note">
        <a-textarea v-model:value="form.values.note" :rows="2" :maxlength="2000" /></a-form-item>
      <problem-alert :problem="form.state.problem" class="gap" />
      <a-button type="primary" html-type="submit" :loading="form.state.submitting" data-test="care-save">{{ $t('app.save') }}</a-button>
      <span v-if="form.state.result" class="small muted gap-left" data-test="care-saved">{{ $t('card.saved') }}</span>
    </a-form>
  </section>`,
};
