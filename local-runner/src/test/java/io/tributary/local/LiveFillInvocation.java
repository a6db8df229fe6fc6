package io.tributary.local;

import io.tributary.livefill.LiveFillFunctionLambda;

/**
 * One invocation of the live-fill function's entry point on the event on standard input, response on standard
 * output: run on the function's package alone ({@link LiveFillPackageTest}). Loads nothing but the package.
 */
public final class LiveFillInvocation {
  private LiveFillInvocation() {}

  public static void main(String[] args) throws Exception {
    new LiveFillFunctionLambda().handleRequest(System.in, System.out, null);
    System.out.println();
  }
}
