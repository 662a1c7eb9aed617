package dev.rayo.runtime.scheduler;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker pool gives every admitted task a thread at once, and reuses its threads for one-at-a-time work. */
class WorkerPoolConfiguratorTest {

    @Test
    void everySubmittedTaskRunsAtOnceBeyondTheCoreThreads() throws Exception {
        ThreadPoolExecutor pool = WorkerPoolConfigurator.newPool(2, TimeUnit.SECONDS.toNanos(60));
        try {
            CountDownLatch all = new CountDownLatch(50);
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 50; i++) {
                pool.execute(() -> {
                    all.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(all.await(10, TimeUnit.SECONDS), "50 blocking tasks ran at once on a pool of 2 core threads");
            release.countDown();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneTaskAtATimeReusesTheCoreThreads() throws Exception {
        ThreadPoolExecutor pool = WorkerPoolConfigurator.newPool(2, TimeUnit.SECONDS.toNanos(60));
        try {
            for (int i = 0; i < 200; i++) {
                pool.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
                // Between two scheduled tasks the thread is back waiting for work.
                Thread.sleep(1);
            }
            assertEquals(2, pool.getLargestPoolSize(), "threads made for 200 one-at-a-time tasks");
            assertTrue(pool.submit(() -> Thread.currentThread().getName()).get().startsWith("rayo-worker-"));
        } finally {
            pool.shutdownNow();
        }
    }
}
