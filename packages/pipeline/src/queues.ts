import { queues as contract, type QueueKey } from "@tvr/queues";
import { FlowProducer, Queue } from "bullmq";
import type { Redis } from "ioredis";

export type PipelineQueues = Record<QueueKey, Queue> & {
  flow: FlowProducer;
  prefix: string;
  close(): Promise<void>;
};

/** Producers for every pipeline queue, sharing one connection and prefix. */
export function createPipelineQueues(connection: Redis, prefix: string): PipelineQueues {
  const make = (key: QueueKey) =>
    new Queue(contract[key].name, { connection, prefix, defaultJobOptions: contract[key].options });
  const tmdb = make("tmdb");
  const omdb = make("omdb");
  const load = make("load");
  const flow = new FlowProducer({ connection, prefix });
  return {
    tmdb,
    omdb,
    load,
    flow,
    prefix,
    async close() {
      await Promise.all([tmdb.close(), omdb.close(), load.close(), flow.close()]);
    },
  };
}
