// Sentences for leihs failures (LeihsError kinds); owned by src/leihs/.
export const leihs = {} as const;
