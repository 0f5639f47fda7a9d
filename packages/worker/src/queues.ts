import { queues as contract, type QueueKey } from "@tvr/queues";
import { FlowProducer, Queue } from "bullmq";
import type { Redis } from "ioredis";

export type PipelineQueues = Record<QueueKey, Queue> & {
  flow: FlowProducer;
  prefix: string;
  close(): Promise<void>;
};

export const QUEUE_KEYS = Object.keys(contract) as QueueKey[];

/** Producers for every pipeline queue, sharing one connection and prefix. */
export function createPipelineQueues(connection: Redis, prefix: string): PipelineQueues {
  const byKey = Object.fromEntries(
    QUEUE_KEYS.map((key) => [
      key,
      new Queue(contract[key].name, { connection, prefix, defaultJobOptions: contract[key].options }),
    ]),
  ) as Record<QueueKey, Queue>;
  const flow = new FlowProducer({ connection, prefix });
  return {
    ...byKey,
    flow,
    prefix,
    async close() {
      await Promise.all([...Object.values(byKey).map((q) => q.close()), flow.close()]);
    },
  };
}
