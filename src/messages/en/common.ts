export const common = {
  somethingWentWrong: 'Something went wrong on our side. Please try again in a moment.',
} as const;
