/**
 * What intake asks feedback when it delivers a survey: "the customer's signed link for this survey".
 * A port, not an import: the link is a bearer credential, so it is minted at send time (never
 * written into an event) by feedback, which alone holds the signing key. Feedback provides an
 * implementation under SURVEY_LINK_PORT when it runs in the same process; elsewhere intake calls
 * feedback's HTTP API (`GET /tickets/{ticketId}/survey/link`).
 */
export interface SurveyLink {
  /** The public URL the customer opens (GET shows the survey, POST with the token answers it). */
  url: string;
  token: string;
  expiresAt: string;
}

export interface SurveyLinkPort {
  /** The link of the ticket's current survey with this id; null when the ticket has no such survey. */
  linkFor(tenantId: string, ticketId: string, surveyId: string): Promise<SurveyLink | null>;
}

/** Nest injection token under which a process provides its SurveyLinkPort. */
export const SURVEY_LINK_PORT = 'ticketing.SurveyLinkPort';
