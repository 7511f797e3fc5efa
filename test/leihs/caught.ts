import { LeihsError } from '../../src/leihs/errors.js';

/** The LeihsError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function caught(promise: Promise<unknown>): Promise<LeihsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LeihsError) return error;
    throw error;
  }
  throw new Error('expected a LeihsError');
}
