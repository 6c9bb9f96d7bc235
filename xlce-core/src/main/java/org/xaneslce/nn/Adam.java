package org.xaneslce.nn;

import java.util.ArrayList;
import java.util.List;

/** Adam (Kingma and Ba) with Keras' defaults: lr 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-7. */
public final class Adam {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final List<float[]> params = new ArrayList<>();
    private final List<float[]> grads = new ArrayList<>();
    private final List<float[]> m = new ArrayList<>();
    private final List<float[]> v = new ArrayList<>();
    private int t;

    /** Adam over every parameter of {@code net}. */
    public Adam(Network net, double lr) {
        this.lr = lr;
        this.beta1 = 0.9;
        this.beta2 = 0.999;
        this.eps = 1e-7;
        for (Layer l : net.layers()) {
            params.addAll(l.parameters());
            grads.addAll(l.gradients());
        }
        for (float[] p : params) {
            m.add(new float[p.length]);
            v.add(new float[p.length]);
        }
    }

    /** Applies one update from the accumulated gradients, then zeroes them. */
    public void step() {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        float a = (float) (lr * Math.sqrt(c2) / c1);
        float e = (float) (eps * Math.sqrt(c2));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        for (int k = 0; k < params.size(); k++) {
            float[] p = params.get(k);
            float[] g = grads.get(k);
            float[] mk = m.get(k);
            float[] vk = v.get(k);
            for (int i = 0; i < p.length; i++) {
                float gi = g[i];
                mk[i] = b1 * mk[i] + (1 - b1) * gi;
                vk[i] = b2 * vk[i] + (1 - b2) * gi * gi;
                p[i] -= a * mk[i] / ((float) Math.sqrt(vk[i]) + e);
                g[i] = 0f;
            }
        }
    }
}
