import { ServiceError } from '@temporalio/client';
import { MongoNetworkError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { unreachableIn } from '../../../worker/inbound/availability';

const grpcError = (code: number) =>
  Object.assign(new Error(`grpc ${code}`), { code, details: '', metadata: {} });

describe('unreachableIn', () => {
  it('names the server a failure mid-request could not reach, so the answer is a 503', () => {
    expect(unreachableIn(new MongoNetworkError('connection reset'))).toBe('mongodb');
    expect(unreachableIn(new ServiceError('unavailable', { cause: grpcError(14) }))).toBe(
      'temporal',
    );
    expect(unreachableIn(grpcError(4))).toBe('temporal');
  });

  it('leaves every other failure a 500', () => {
    expect(unreachableIn(new ServiceError('invalid', { cause: grpcError(3) }))).toBeNull();
    expect(unreachableIn(new Error('bug'))).toBeNull();
  });
});
