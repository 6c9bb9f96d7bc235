package org.xaneslce.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs independent jobs on a fixed pool and returns their results in job order. */
public final class Parallel {
    private Parallel() {
    }

    /**
     * The results of {@code jobs}, run on {@code threads} threads (at least 1), in the jobs' order.
     * A job's exception is rethrown (unchecked as it was, checked ones wrapped); the pool is always shut down.
     */
    public static <T> List<T> run(List<? extends Callable<T>> jobs, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "xlce-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(jobs)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
