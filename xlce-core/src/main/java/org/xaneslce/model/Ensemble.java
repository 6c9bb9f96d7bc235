package org.xaneslce.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.xaneslce.dataset.Dataset;

/**
 * Several classifiers of one absorber trained with different seeds, each on a bootstrap sample of
 * the training materials (all sites of a drawn material come along, so that members differ the way
 * a new set of structures would). The ensemble's answer is the mean of the members' probabilities;
 * their standard deviation says how much the answer depends on the training draw (epistemic
 * uncertainty). Member {@code i} uses seed {@code seed + 1000 i} and its own bootstrap draw: the same
 * options give the same members, bit for bit.
 *
 * @param members the classifiers (same absorber, grid and classes)
 */
public record Ensemble(List<Classifier> members) {
    public Ensemble {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        Classifier first = members.get(0);
        for (Classifier c : members) {
            if (!c.element().equals(first.element()) || !c.grid().sameAs(first.grid()) || c.classList().length != first.classList().length) {
                throw new IllegalArgumentException("ensemble members differ in absorber, grid or classes");
            }
        }
    }

    /** The seed of member {@code i}. */
    public static long memberSeed(long seed, int i) {
        return seed + 1000L * i;
    }

    /**
     * The bootstrap sample of member {@code i}: as many materials as {@code d} has, drawn with
     * replacement (seeded), with all their sites; member 0 takes the whole dataset, so an ensemble of
     * one is the single model.
     */
    public static Dataset bootstrap(Dataset d, long seed, int i) {
        if (i == 0) {
            return d;
        }
        List<String> materials = new ArrayList<>(new java.util.LinkedHashSet<>(d.entries().stream().map(Dataset.Entry::material).toList()));
        java.util.Map<String, List<Integer>> sites = new java.util.HashMap<>();
        for (int k = 0; k < d.size(); k++) {
            sites.computeIfAbsent(d.entries().get(k).material(), m -> new ArrayList<>()).add(k);
        }
        SplittableRandom r = new SplittableRandom(memberSeed(seed, i) ^ 0xB00757L);
        List<Integer> idx = new ArrayList<>();
        for (int k = 0; k < materials.size(); k++) {
            idx.addAll(sites.get(materials.get(r.nextInt(materials.size()))));
        }
        return d.subset(idx.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Trains {@code k} members on {@code train} (member 0 on all of it, the others on bootstrap samples). */
    public static Ensemble train(Dataset train, ModelOptions o, int k, String dataHash) {
        if (k < 1) {
            throw new IllegalArgumentException("members must be at least 1, not " + k);
        }
        List<Classifier> m = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            m.add(member(train, o, i, dataHash));
        }
        return new Ensemble(m);
    }

    /** Member {@code i} of the ensemble of {@code train} under {@code o}: its bootstrap sample, its seed. */
    public static Classifier member(Dataset train, ModelOptions o, int i, String dataHash) {
        int pre = o.preEdge() ? Classifier.preEdgePoints(train) : train.grid().count();
        return Classifier.train(bootstrap(train, o.seed(), i), o.withSeed(memberSeed(o.seed(), i)), pre, dataHash);
    }

    /** The first {@code k} members. */
    public Ensemble first(int k) {
        return new Ensemble(members.subList(0, k));
    }

    /**
     * Mean probabilities and their spread for {@code n} spectra (row-major, n x grid).
     *
     * @param mean mean over members, n x classes
     * @param std standard deviation over members (population), n x classes; 0 for one member
     */
    public record Prediction(float[] mean, float[] std) {
    }

    /** Mean probabilities and their spread for {@code n} spectra on the members' grid. */
    public Prediction predict(float[] mu, int n) {
        int k = members.get(0).classList().length;
        double[] sum = new double[n * k];
        double[] sumSq = new double[n * k];
        for (Classifier c : members) {
            float[] p = c.predict(mu, n);
            for (int i = 0; i < p.length; i++) {
                sum[i] += p[i];
                sumSq[i] += (double) p[i] * p[i];
            }
        }
        int m = members.size();
        float[] mean = new float[n * k];
        float[] std = new float[n * k];
        for (int i = 0; i < mean.length; i++) {
            double mu1 = sum[i] / m;
            mean[i] = (float) mu1;
            std[i] = (float) Math.sqrt(Math.max(0, sumSq[i] / m - mu1 * mu1));
        }
        return new Prediction(mean, std);
    }
}
