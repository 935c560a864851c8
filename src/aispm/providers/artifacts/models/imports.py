"""What a pickle's imports mean: the safe list, the unsafe list, and the verdict of one import.

A pickle runs code by importing a callable (`GLOBAL`, `STACK_GLOBAL`, `INST`) and calling it
(`REDUCE`, `NEWOBJ`, `OBJ`, `BUILD` with `__setstate__`). Which callables a legitimate model file
needs is a short list: the tensor and array rebuild functions of PyTorch and NumPy, a few
containers and builtins. Anything that runs a command, opens a file or a socket, evaluates code,
imports a module or unpickles again is `unsafe`; anything else is `suspicious` (unknown code a
loader would import and call: a scikit-learn estimator is one, a home-made class another), never
silently safe and never called malicious without reason. The lists draw on picklescan's
published lists (`mmaitre314/picklescan`, MIT; a test asserts that every import it calls dangerous
is unsafe here and every import it calls safe is safe here), extended with the modules that run
commands, import or evaluate code, or unpickle again (`importlib`, `pty`, `marshal`, `dill`, ...).
"""

from __future__ import annotations

SAFE = "safe"
SUSPICIOUS = "suspicious"
UNSAFE = "unsafe"

_TORCH_DTYPES = (
    "float16", "float32", "float64", "bfloat16", "half", "float", "double", "complex64", "complex128", "uint8",
    "int8", "int16", "int32", "int64", "bool", "long", "int", "short", "float8_e4m3fn", "float8_e5m2", "qint8",
    "quint8", "qint32", "quint4x2",
)
_TORCH_STORAGES = tuple(f"{t}Storage" for t in (
    "Long", "Float", "Half", "Double", "BFloat16", "Bool", "Char", "Short", "Int", "Byte", "ComplexFloat",
    "ComplexDouble", "QUInt8", "QInt8", "QInt32", "QUInt4x2", "QUInt2x4", "Untyped", "Typed"))

#: (module, name) pairs a model file may import: they rebuild tensors, arrays and containers and
#: call nothing else. `_codecs.encode` is not here: it is safe only in the pattern protocol 2 writes
#: bytes with (`_codecs.encode(<string>, 'latin1')`), which the opcode reader checks at the call.
SAFE_IMPORTS: frozenset[tuple[str, str]] = frozenset(
    [("collections", "OrderedDict"), ("collections", "defaultdict"), ("collections", "Counter")]
    + [("torch._utils", n) for n in (
        "_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_tensor_v3", "_rebuild_parameter",
        "_rebuild_parameter_with_state", "_rebuild_qtensor", "_rebuild_sparse_tensor", "_rebuild_nested_tensor",
        "_rebuild_meta_tensor_no_storage", "_rebuild_wrapper_subclass", "_rebuild_device_tensor_from_numpy")]
    + [("torch", n) for n in (*_TORCH_DTYPES, *_TORCH_STORAGES, "Size", "device", "dtype", "Tensor",
                              "per_tensor_affine", "contiguous_format", "channels_last", "preserve_format")]
    + [("torch.storage", n) for n in ("UntypedStorage", "TypedStorage")]
    + [("torch._tensor", "_rebuild_from_type_v2"), ("torch.nn.parameter", "Parameter")]
    + [(m, n) for m in ("numpy.core.multiarray", "numpy._core.multiarray") for n in ("_reconstruct", "scalar")]
    + [("numpy", "dtype"), ("numpy", "ndarray"),
       ("joblib.numpy_pickle", "NumpyArrayWrapper"), ("sklearn.utils._bunch", "Bunch")]
    + [(m, n) for m in ("builtins", "__builtin__") for n in (
        "set", "frozenset", "dict", "list", "tuple", "bytearray", "bytes", "slice", "complex", "range", "int",
        "float", "str", "bool", "object")]
    + [(m, "_reconstructor") for m in ("copyreg", "copy_reg")]
)

#: Modules whose every callable (and every submodule's) is unsafe: they run commands, touch files or
#: the network, evaluate or import code, or unpickle again (a second, unscanned payload).
UNSAFE_MODULES: frozenset[str] = frozenset({
    "os", "posix", "nt", "subprocess", "commands", "pty", "sys", "shutil", "socket", "ssl", "runpy", "webbrowser",
    "importlib", "imp", "pkgutil", "zipimport", "ctypes", "marshal", "pickle", "_pickle", "cPickle", "dill",
    "cloudpickle", "shelve", "code", "codeop", "pdb", "bdb", "timeit", "cProfile", "profile", "trace", "pydoc",
    "asyncio", "multiprocessing", "threading", "_thread", "signal", "http", "httplib", "urllib", "urllib2",
    "requests", "aiohttp", "ftplib", "telnetlib", "smtplib", "imaplib", "poplib", "xmlrpc", "tempfile", "glob",
    "pip", "ensurepip", "venv", "distutils", "setuptools", "_posixsubprocess", "_io", "io", "fileinput",
    "uuid", "platform", "_osx_support", "_aix_support", "_pyrepl", "idlelib", "lib2to3", "test",
    "numpy.f2py", "numpy.testing", "torch.hub", "torch.jit", "torch._inductor", "torch.utils.cpp_extension",
    "torch.utils.bottleneck",
})

#: Single callables that are unsafe although their module is not.
UNSAFE_IMPORTS: frozenset[tuple[str, str]] = frozenset(
    [(m, n) for m in ("builtins", "__builtin__") for n in (
        "eval", "exec", "execfile", "compile", "__import__", "getattr", "setattr", "delattr", "open", "apply",
        "breakpoint", "input", "globals", "locals", "vars", "memoryview", "help", "exit", "quit")]
    + [(m, n) for m in ("operator", "_operator") for n in ("attrgetter", "itemgetter", "methodcaller")]
    + [("functools", "partial"), ("functools", "reduce"), ("types", "CodeType"), ("types", "FunctionType"),
       ("types", "MethodType"), ("logging", "FileHandler"), ("logging.config", "listen"),
       ("numpy", "load"), ("numpy", "loads"), ("numpy.lib.npyio", "load"), ("pandas", "read_pickle"),
       ("pandas.io.pickle", "read_pickle"), ("joblib", "load"), ("torch", "load"), ("torch.serialization", "load"),
       ("keras.models", "load_model"), ("tensorflow", "py_function"),
       ("doctest", "debug_script"),
       # PyTorch internals that evaluate code, run commands or unpickle again (picklescan's list)
       ("torch._dynamo.guards", "GuardBuilder.get"),
       ("torch.fx.experimental.symbolic_shapes", "ShapeEnv.evaluate_guards_expression"),
       ("torch.utils._config_module", "ConfigModule.load_config"), ("torch.utils.collect_env", "run"),
       ("torch.utils.data.datapipes.utils.decoder", "basichandlers")]
)


def verdict(module: str, name: str) -> str:
    """`safe`, `suspicious` or `unsafe` for one import `module.name`."""
    if (module, name) in UNSAFE_IMPORTS:
        return UNSAFE
    parts = module.split(".")
    if any(".".join(parts[:i]) in UNSAFE_MODULES for i in range(1, len(parts) + 1)):
        return UNSAFE
    if (module, name) in SAFE_IMPORTS:
        return SAFE
    return SUSPICIOUS
