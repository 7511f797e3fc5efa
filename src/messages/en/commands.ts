// Words of the /leihs command itself: help, usage, "searching", unknown input, coming soon. Owned by the read side.
type Usage = { usage: string; summary: string; examples: readonly string[] };

const usage = {
  find: {
    usage: '/leihs find <words> [in <pool>]',
    summary: 'Find equipment in every pool: where it is and how many are in stock.',
    examples: ['/leihs find tripod', '/leihs find canon 50mm in Fotostudio', '/leihs suche bohrschrauber'],
  },
  item: {
    usage: '/leihs item <inventory code>',
    summary: 'One item: where it is, whether it can be lent, and who has it until when.',
    examples: ['/leihs item INV-10042'],
  },
  model: {
    usage: '/leihs model <name>',
    summary: 'A model and its items in each pool.',
    examples: ['/leihs model "Manfrotto 055"'],
  },
  pools: {
    usage: '/leihs pools [words]',
    summary: 'Inventory pools with their short names.',
    examples: ['/leihs pools', '/leihs pools foto'],
  },
  pool: {
    usage: '/leihs pool <name>',
    summary: 'A pool with its contact and managers.',
    examples: ['/leihs pool Fotostudio', '/leihs pool FILM'],
  },
  users: {
    usage: '/leihs users <words or email>',
    summary: 'Find people in leihs (for leihs admins and lending or inventory managers).',
    examples: ['/leihs users keller', '/leihs users anna.schmid@hdk.example'],
  },
  user: {
    usage: '/leihs user <email or login>',
    summary: 'One person in leihs (for leihs admins and lending or inventory managers).',
    examples: ['/leihs user anna.schmid@hdk.example'],
  },
  groups: {
    usage: '/leihs groups [words]',
    summary: 'Groups with their member counts.',
    examples: ['/leihs groups', '/leihs groups film'],
  },
  group: {
    usage: '/leihs group <name>',
    summary: 'A group and its first members. Changes: group create | delete | add | remove, approved by a manager.',
    examples: [
      '/leihs group "Film MA"',
      '/leihs group create "Film Students" — for the film course',
      '/leihs group add anna.schmid@hdk.example to "Film MA"',
    ],
  },
  categories: {
    usage: '/leihs categories [words]',
    summary: 'The category tree.',
    examples: ['/leihs categories', '/leihs categories kamera'],
  },
  whoami: {
    usage: '/leihs whoami',
    summary: 'Your leihs account and roles, and the account this app uses.',
    examples: ['/leihs whoami'],
  },
  status: {
    usage: '/leihs status [--verbose]',
    summary: 'The health of leihs and of this app.',
    examples: ['/leihs status', '/leihs status --verbose'],
  },
  requests: {
    usage: '/leihs requests',
    summary: 'Open group change requests and recent decisions.',
    examples: ['/leihs requests'],
  },
  help: {
    usage: '/leihs help [command]',
    summary: 'This help, or the help for one command.',
    examples: ['/leihs help find'],
  },
} satisfies Record<string, Usage>;

export const commands = {
  usage,
  helpTitle: 'leihs in Slack',
  helpIntro: 'Type `/leihs` and a command. German words work too: `suche`, `finde`, `hilfe`.',
  helpTopicTitle: (command: string) => `Help: ${command}`,
  helpExamplesLabel: 'Examples',
  helpFooter: 'Answers are only visible to you until you press “Share in channel”.',
  searching: 'Searching leihs…',
  unknown: (word: string) => `I don’t know the command \`${word}\`.`,
  didYouMean: (command: string) => `Did you mean \`${command}\`?`,
  unknownFallback: 'Here is what I can do:',
  shareInChannel: 'Share in channel',
  more: 'More',
  sharedBy: (userId: string) => `Shared by <@${userId}>`,
  answerGone: 'This answer can no longer be shared. Run the command again.',
} as const;
