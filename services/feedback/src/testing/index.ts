/** Test helpers other projects' tests may use (e.g. ticketctl's report test): a seeded month of tickets. */
export { generateTicketMonth, seededRandom, type GeneratorOptions } from '../kpis/testing/ticket-month.generator';
