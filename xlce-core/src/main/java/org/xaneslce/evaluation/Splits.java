package org.xaneslce.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Train/test splits. Both kinds return {@code k} disjoint test folds covering every sample once,
 * so ten folds are the paper's ten 90/10 splits whose test sets never overlap.
 */
public final class Splits {
    private Splits() {
    }

    /** Stratified: each class is shuffled (seeded) and dealt round-robin into the folds, keeping class proportions. */
    public static int[][] stratified(int[] labels, int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        int max = Arrays.stream(labels).max().orElse(0);
        int offset = 0;
        for (int c = 0; c <= max; c++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    idx.add(i);
                }
            }
            shuffle(idx, rng);
            for (int j = 0; j < idx.size(); j++) {
                folds.get((offset + j) % k).add(idx.get(j));
            }
            offset += idx.size();
        }
        return toArrays(folds);
    }

    /**
     * By group (material): all samples of a group land in one fold. Groups are shuffled (seeded),
     * then placed largest first into the currently smallest fold, so fold sizes stay close.
     */
    public static int[][] byGroup(String[] groups, int k, long seed) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < groups.length; i++) {
            byGroup.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> members = new ArrayList<>(byGroup.values());
        shuffle(members, new SplittableRandom(seed));
        members.sort((a, b) -> Integer.compare(b.size(), a.size()));
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        for (List<Integer> m : members) {
            int smallest = 0;
            for (int f = 1; f < k; f++) {
                if (folds.get(f).size() < folds.get(smallest).size()) {
                    smallest = f;
                }
            }
            folds.get(smallest).addAll(m);
        }
        return toArrays(folds);
    }

    /** The complement of a test fold among {@code n} samples, ascending. */
    public static int[] complement(int[] test, int n) {
        boolean[] in = new boolean[n];
        for (int i : test) {
            in[i] = true;
        }
        int[] out = new int[n - test.length];
        int o = 0;
        for (int i = 0; i < n; i++) {
            if (!in[i]) {
                out[o++] = i;
            }
        }
        return out;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static int[][] toArrays(List<List<Integer>> folds) {
        int[][] out = new int[folds.size()][];
        for (int f = 0; f < out.length; f++) {
            out[f] = folds.get(f).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }
}
