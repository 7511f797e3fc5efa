// Sentences of the local console and of the Slack fake standing in for Slack; owned by src/console/ and src/devkit/.
export const consoleWords = {
  /** What Slack itself shows when the app's endpoint fails a slash command. */
  slackCommandFailed: (command: string, error: string) => `${command} failed with the error "${error}"`,

  bannerTitle: 'leihs for Slack: local console',
  bannerSlack:
    'No Slack workspace is connected: the app runs against an in-process Slack with demo people and channels.',
  bannerLeihsDemo: (url: string) =>
    `leihs: the built-in demo leihs with demo data at ${url} (nothing you do here touches a real leihs).`,
  bannerLeihsReal: (url: string) => `leihs: ${url}`,
  bannerConnect:
    'To use a real Slack app set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP); for a real leihs set LEIHS_URL and LEIHS_TOKEN. See README.md.',
  bannerYou: (who: string, channel: string) => `You are ${who} in #${channel}. Type /leihs help, or :help for the console.`,

  help: [
    'Type what you would type in Slack, e.g. /leihs find tripod, /leihs status, /leihs help.',
    'Buttons are numbered: type the number to click one (a confirm dialog asks y/n; a menu asks for an option).',
    'A modal asks for each field in turn; an empty line leaves an optional field empty.',
    ':as <name>       act as someone else, e.g. :as marco (to approve what Anna asked for)',
    ':users           list the people in this Slack',
    ':in <channel>    type commands in another channel, e.g. :in leihs-ops',
    ':home            open the app’s Home tab',
    ':shortcut <id>   run a global shortcut, e.g. :shortcut leihs_find_global',
    ':help            this help',
    ':quit            leave (Ctrl-D works too)',
  ].join('\n'),
  usersHeader: 'People in this Slack (use the first name with :as):',
  userLine: (name: string, realName: string, email: string, acting: boolean) =>
    `${acting ? '*' : ' '} ${name.padEnd(18)} ${realName.padEnd(18)} ${email}`,
  nowActingAs: (who: string) => `You are now ${who}.`,
  nowInChannel: (channel: string) => `You now type in #${channel}.`,
  unknownUser: (name: string) => `There is nobody called "${name}" here. Type :users to see who is.`,
  unknownChannel: (name: string) => `There is no channel "${name}". Channels: #general, #leihs-approvals, #leihs-ops.`,
  unknownMeta: (word: string) => `The console has no command ${word}. Type :help to see what it has.`,
  notACommand: 'Only slash commands reach the app here. Try /leihs help, or :help for the console.',
  noSuchButton: (n: number) => `There is no button [${n}] on the last answer.`,
  confirmPrompt: (title: string, text: string, confirm: string, deny: string) =>
    `${title}: ${text} (y = ${confirm}, n = ${deny}) `,
  cancelled: 'Cancelled: nothing was sent.',
  choosePrompt: (options: string) => `Choose one (${options}): `,
  noSuchOption: (value: string) => `"${value}" is not one of the options; nothing was sent.`,
  opensLink: (url: string) => `(In Slack this opens ${url})`,
  fieldPrompt: (label: string, optional: boolean, choices?: string) =>
    `${label}${optional ? ' (optional)' : ''}${choices ? ` [${choices}]` : ''}: `,
  fieldError: (label: string, error: string) => `${label}: ${error}`,
  modalGaveUp: 'The modal still has errors; it stays open. Type :home or another command to go on.',
  stillWorking: (seconds: number) => `(The app is still working after ${seconds} s; its answer will show when it arrives.)`,
  goodbye: 'Bye.',

  whereInChannel: (channel: string) => `in #${channel}`,
  whereDm: (who: string) => `DM with ${who}`,
  onlyVisibleTo: (who: string) => `only ${who} sees this`,
  replaced: 'updated',
  deleted: 'deleted',
  inThread: 'in a thread',
  modalTitle: (who: string) => `modal for ${who}`,
  homeTitle: (who: string) => `Home tab of ${who}`,
  modalClosed: 'modal closed',
} as const;
