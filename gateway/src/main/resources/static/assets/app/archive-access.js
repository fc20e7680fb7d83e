// Who may do what with the archive's care, personal data, feedback, surveys, occasions,
// referrals, questions, imports and the site's operations (issue 14), as customer-service and
// reception-service decide it — they check it again and refuse anything else; this only keeps
// out of sight what a user may not use. Pure module: no browser globals.
import { on, has, hasAny, canRead, abilities } from './access.js';

/** The customer's rep (the owner), a SUPERVISOR or the MANAGER (R-ATT-12). */
const theirRep = (user, site, customer) => on(user, site, 'SALES') && (customer?.owner === user?.id || has(user, 'SUPERVISOR'));

export function archiveAbilities(user, site) {
  const staff = canRead(user, site) && hasAny(user, 'SALES', 'ASSISTANT');
  return {
    // R-CUS-8
    readCare: staff,
    writeCare: (customer) => theirRep(user, site, customer),
    // R-CUS-13
    readPersonal: canRead(user, site) && hasAny(user, 'SALES', 'ASSISTANT', 'FINANCE'),
    consent: on(user, site, 'SALES', 'ASSISTANT'),
    idNumber: (customer) => on(user, site, 'FINANCE') || theirRep(user, site, customer),
    revealId: (customer) => (on(user, site, 'SALES') && customer?.owner === user?.id) || on(user, site, 'SUPERVISOR', 'FINANCE'),
    // R-CUS-9
    readFeedback: staff,
    receiveFeedback: on(user, site, 'SALES', 'ASSISTANT'),
    stepFeedback: (item) => on(user, site, 'SALES', 'ASSISTANT') && (has(user, 'SUPERVISOR') || item?.assignedTo === user?.id),
    resolveFeedback: on(user, site, 'SUPERVISOR'),
    // R-CUS-10
    readSurveys: staff,
    survey: on(user, site, 'SALES', 'ASSISTANT'),
    surveySummary: canRead(user, site) && hasAny(user, 'SUPERVISOR', 'HEAD_OFFICE'),
    // R-CUS-11
    readOccasions: staff,
    announce: on(user, site, 'SUPERVISOR'),
    invite: on(user, site, 'SALES'),
    answerOccasion: on(user, site, 'SALES', 'ASSISTANT'),
    // R-CUS-12
    readReferrals: canRead(user, site) && hasAny(user, 'SALES', 'ASSISTANT', 'FINANCE'),
    refer: on(user, site, 'SALES'),
    proposeReward: on(user, site, 'SALES'),
    rewardTo: (state) => ({ APPROVED: on(user, site, 'MANAGER'), DECLINED: on(user, site, 'MANAGER'),
      GIVEN: on(user, site, 'SUPERVISOR', 'ASSISTANT'), PAID: on(user, site, 'FINANCE') })[state] || false,
    // R-CUS-5
    readQuestions: canRead(user, site) && has(user, 'SALES'),
    raiseQuestion: (customer) => theirRep(user, site, customer),
    answerQuestion: on(user, site, 'MANAGER'),
    // R-CUS-2, R-CUS-13
    importCustomers: on(user, site, 'MANAGER'),
    readImports: canRead(user, site) && hasAny(user, 'MANAGER', 'HEAD_OFFICE'),
    exportCustomers: on(user, site, 'MANAGER'),
    // R-OPS-3, R-OPS-5
    incidents: on(user, site, 'SUPERVISOR'),
    readMarketNotes: canRead(user, site) && hasAny(user, 'SALES', 'ASSISTANT', 'HEAD_OFFICE'),
    shareMarketNote: on(user, site, 'SALES', 'ASSISTANT'),
  };
}

/**
 * The tabs of the customers screen a user sees at a site, in their order: each only where the service it reads lets the
 * user read it — head office (HEAD_OFFICE) the archive, the deal archive (R-CUS-7), market notes and imports, no rep's
 * lists, no care, feedback, referrals or key persons.
 */
export function customerTabs(user, site) {
  const can = abilities(user, site);
  const more = archiveAbilities(user, site);
  return [
    ['today', can.followUpLists],
    ['greetings', can.followUpLists],
    ['calls', can.followUpLists],
    ['plans', can.followUpLists || can.readMeeting],
    ['archive', can.archive],
    // issue 14: feedback, surveys, occasions, referrals, questions, market notes, import and export
    ['feedback', more.readFeedback],
    ['surveys', more.readSurveys],
    ['occasions', more.readOccasions],
    ['referrals', more.readReferrals],
    // R-CUS-7 the deal archive for revisits; R-CUS-12 key persons and cross-introductions
    ['dealArchive', can.dealArchive],
    ['connections', can.connections],
    ['questions', more.readQuestions],
    ['market', more.readMarketNotes],
    ['import', more.importCustomers || more.readImports || more.exportCustomers],
  ].filter(([, show]) => show).map(([key]) => key);
}
