package dev.tokenkit.testsupport;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The test class path without some jars, in a class loader of its own whose parent is the platform loader, so
 * classes loaded through it see exactly what a host application without those jars would see. Used to test that
 * an optional dependency really is optional. Stateless; each call makes a new loader.
 *
 * <pre>{@code
 * Object result = IsolatedClassPath.without(jar -> jar.contains("argon2-jvm"))
 *     .call("dev.tokenkit.SomeProbe", "run");
 * }</pre>
 */
public final class IsolatedClassPath {
  private final List<URL> urls;

  private IsolatedClassPath(List<URL> urls) {
    this.urls = urls;
  }

  /**
   * The current test class path (Surefire's {@code surefire.test.class.path}, else {@code java.class.path})
   * minus every entry whose path matches.
   *
   * @param excluded true for entries to leave out, given the entry's path
   * @return the class path
   * @throws IllegalStateException when nothing matched (the test would prove nothing)
   */
  public static IsolatedClassPath without(Predicate<String> excluded) {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    int left = 0;
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      if (excluded.test(entry)) {
        left++;
        continue;
      }
      try {
        urls.add(new File(entry).toURI().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException("bad class path entry " + entry, e);
      }
    }
    if (left == 0) {
      throw new IllegalStateException("no class path entry was excluded; the isolated class path equals the real one");
    }
    return new IsolatedClassPath(List.copyOf(urls));
  }

  /**
   * Loads a class through a new isolated loader and calls one of its public static no-argument methods.
   *
   * @param className the class
   * @param method the method
   * @return what the method returned
   * @throws Exception what loading or the method threw (unwrapped)
   */
  public Object call(String className, String method) throws Exception {
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> type = Class.forName(className, true, loader);
      if (type.getClassLoader() != loader) {
        throw new IllegalStateException(className + " was not loaded by the isolated loader");
      }
      Method m = type.getMethod(method);
      try {
        return m.invoke(null);
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof Exception ex ? ex : e;
      }
    }
  }
}
