// One jest run over every project in the monorepo (`npm test`); each project also runs alone
// with `npx nx test <project>`.
module.exports = {
  // Global options (testTimeout is one) are read from here, not from the projects' configs.
  testTimeout: 120000,
  // Some clients (pg pools reconnecting after the outage test, kafkajs) keep timers alive after their
  // suite closed them; a finished run must end rather than hang CI.
  forceExit: true,
  projects: [
    '<rootDir>/libs/contracts',
    '<rootDir>/libs/ticket',
    '<rootDir>/libs/sla',
    '<rootDir>/libs/eventstore',
    '<rootDir>/libs/messaging',
    '<rootDir>/libs/platform',
    '<rootDir>/libs/classifier',
    '<rootDir>/libs/search',
    '<rootDir>/services/intake',
    '<rootDir>/services/routing',
    '<rootDir>/services/resolution',
    '<rootDir>/services/feedback',
    '<rootDir>/services/knowledge',
    '<rootDir>/services/ticketctl',
  ],
};
