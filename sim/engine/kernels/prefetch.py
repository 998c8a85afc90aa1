"""A software prefetch for the compiled kernels: `prefetch_row(table, row)` asks the processor to
bring `table[row]` (the row of a 2-D array) into its caches ahead of use, and does nothing else:
no value is read, so no result can change. It is LLVM's `llvm.prefetch` intrinsic (read, high
locality, data cache), which numba does not expose.

Why: the averaging round reads, for every listening edge, the followee's row of a table of one
row per user. At 10^7 users the table is past the caches, and the processor, looking only a
few dozen instructions ahead, keeps few of those reads in flight; the edges' targets are known
long before, from the graph's index array, so the round asks for the row `PREFETCH_AHEAD` edges
on (bench/averaging.py measures it; bench/RESULTS.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import llvmlite.binding
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

PREFETCH_AHEAD = 128
"""How many edges ahead the averaging round prefetches: on a 10^7-user table, 24 edges ahead
halved the round's time and 128 more than halved it again; 256 and 512 gave no more
(bench/RESULTS.md, issue 16)."""

# LLVM names the intrinsic by its pointer type: `p0` with opaque pointers (LLVM 15 on, the
# llvmlite of numba 0.61 on), `p0i8` before.
_NAME = "llvm.prefetch.p0" if llvmlite.binding.llvm_version_info[0] >= 15 else "llvm.prefetch.p0i8"
_READ, _HIGH_LOCALITY, _DATA_CACHE = 0, 3, 1


@intrinsic
def _prefetch_row(typingctx: Any, table: Any, row: Any) -> Any:
    """Prefetch the start of `table[row]`, for a C-ordered 2-D array and an integer row; the
    caller keeps `row` inside the table (no bounds are checked, nothing is read)."""
    if not (isinstance(table, types.Array) and table.ndim == 2 and isinstance(row, types.Integer)):
        return None
    signature = types.void(table, row)

    def codegen(context: Any, builder: Any, signature: Any, arguments: Any) -> Any:
        table_type, row_type = signature.args
        array = context.make_array(table_type)(context, builder, arguments[0])
        index = context.cast(builder, arguments[1], row_type, types.intp)
        zero = context.get_constant(types.intp, 0)
        pointer = cgutils.get_item_pointer(
            context, builder, table_type, array, [index, zero], wraparound=False
        )
        byte_pointer = ir.PointerType(ir.IntType(8))
        word = ir.IntType(32)
        function = cgutils.get_or_insert_function(
            builder.module,
            ir.FunctionType(ir.VoidType(), [byte_pointer, word, word, word]),
            _NAME,
        )
        flags = [ir.Constant(word, flag) for flag in (_READ, _HIGH_LOCALITY, _DATA_CACHE)]
        builder.call(function, [builder.bitcast(pointer, byte_pointer), *flags])
        return context.get_dummy_value()

    return signature, codegen


prefetch_row = cast(Callable[[Any, Any], None], _prefetch_row)
"""`_prefetch_row` as compiled code calls it: (table, row)."""
