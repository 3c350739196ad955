package dev.burnj.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves that rank and kind are static: snippets that mix ranks or kinds must not compile, and well-typed
 * snippets must. Each snippet is compiled with {@code javax.tools.JavaCompiler} against burnj-api.
 */
class StaticTypingTest {

    @ParameterizedTest(name = "compiles: {0}")
    @CsvSource(delimiter = '|', value = {
        "Tensor2 a = null; Tensor2 b = a.add(a);",
        "Tensor2 a = null; IntTensor2 i = a.argmax(1);",
        "Tensor2 a = null; BoolTensor2 m = a.greater(0.5);",
        "Tensor3 a = null; Tensor2 b = a.squeeze(0);",
        "Tensor2 a = null; Tensor3 b = a.unsqueeze(0);",
        "Tensor4 a = null; Tensor2 b = a.flatten(1, 3, Rank.R2);",
        "Tensor4 a = null; Tensor2 b = a.reshape(8, -1);",
        "Tensor3 a = null; Tensor1 s = a.sum();",
        "Tensor3 a = null; Tensor2 row = a.get(0);",
        "IntTensor2 i = null; Tensor3 h = i.oneHot(10);",
        "Tensor2 a = null; IntTensor2 i = null; Tensor2 g = a.gather(1, i);",
    })
    void wellTypedSnippetsCompile(String body) {
        List<Diagnostic<? extends JavaFileObject>> errors = compile(body);
        assertTrue(errors.isEmpty(), () -> "expected no errors for `" + body + "`, got " + describe(errors));
    }

    @ParameterizedTest(name = "rejects: {0}")
    @CsvSource(delimiter = '|', value = {
        // adding a rank-2 and a rank-3 tensor
        "Tensor2 a = null; Tensor3 b = null; a.add(b);                 | dev.burnj.tensor.Tensor3 cannot be converted to dev.burnj.tensor.Tensor2",
        // an Int tensor passed to a Float op
        "Tensor2 a = null; IntTensor2 i = null; a.add(i);              | dev.burnj.tensor.IntTensor2 cannot be converted to dev.burnj.tensor.Tensor2",
        "Tensor2 a = null; IntTensor2 i = null; a.matmul(i);           | incompatible types: dev.burnj.tensor.IntTensor2 cannot be converted to dev.burnj.tensor.Tensor2",
        // float-only ops do not exist on int tensors
        "IntTensor2 i = null; i.exp();                                  | cannot find symbol",
        // argmax gives an int tensor, not a float one
        "Tensor2 a = null; Tensor2 b = a.argmax(1);                     | incompatible types: dev.burnj.tensor.IntTensor2 cannot be converted to dev.burnj.tensor.Tensor2",
        // rank-changing ops return the new rank
        "Tensor3 a = null; Tensor3 b = a.squeeze(0);                    | incompatible types: dev.burnj.tensor.Tensor2 cannot be converted to dev.burnj.tensor.Tensor3",
        "Tensor4 a = null; Tensor4 b = a.reshape(2, 3);                 | incompatible types: dev.burnj.tensor.Tensor2 cannot be converted to dev.burnj.tensor.Tensor4",
        "Tensor2 a = null; Tensor2 s = a.sum();                         | incompatible types: dev.burnj.tensor.Tensor1 cannot be converted to dev.burnj.tensor.Tensor2",
        // masks must have the receiver's rank
        "Tensor2 a = null; BoolTensor3 m = null; a.maskFill(m, 0.0);   | incompatible types: dev.burnj.tensor.BoolTensor3 cannot be converted to dev.burnj.tensor.BoolTensor2",
        // bool tensors have no arithmetic
        "BoolTensor2 m = null; m.add(m);                                | cannot find symbol",
    })
    void illTypedSnippetsAreRejected(String body, String expectedError) {
        List<Diagnostic<? extends JavaFileObject>> errors = compile(body.trim());
        assertFalse(errors.isEmpty(), () -> "expected `" + body.trim() + "` not to compile");
        String messages = describe(errors);
        assertTrue(messages.contains(expectedError.trim()), () -> "expected an error containing '" + expectedError.trim() + "', got " + messages);
    }

    @ParameterizedTest(name = "a rank-{0} class has no squeeze below rank 1")
    @CsvSource({"1"})
    void rankOneHasNoSqueeze(int rank) {
        List<Diagnostic<? extends JavaFileObject>> errors = compile("Tensor" + rank + " a = null; a.squeeze(0);");
        assertEquals(1, errors.size(), () -> describe(errors));
        assertTrue(describe(errors).contains("cannot find symbol"));
    }

    private static List<Diagnostic<? extends JavaFileObject>> compile(String body) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String source = "import dev.burnj.tensor.*;\nclass Snippet {\n  void run() {\n    " + body + "\n  }\n}\n";
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none", "-d",
                System.getProperty("java.io.tmpdir"));
        compiler.getTask(null, null, diagnostics, options, null, List.of(file)).call();
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
    }

    private static String describe(List<Diagnostic<? extends JavaFileObject>> errors) {
        return errors.stream().map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining(" | "));
    }
}
