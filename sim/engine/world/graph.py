"""The follower graph: a Twitter-like generator, its statistics, and file import/export.

The adjacency is an N x N CSR matrix with ``A[u, v] = 1`` when information flows from ``u`` to
``v`` (``v`` follows ``u``). Row ``u`` therefore lists ``u``'s followers, which is the list the
spread rules walk when ``u`` posts; the row length is ``u``'s follower count.

Everything here is vectorised numpy/scipy so that 10^6 users build in seconds, and every random
draw comes from the caller's ``numpy.random.Generator`` so a run is reproducible from its seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from scipy import optimize, special
from scipy.sparse import csgraph, csr_matrix, triu

from sim.errors import ScenarioError

EDGE_LIST_SUFFIXES = (".edgelist", ".txt", ".csv")
GRAPH_FILE_SUFFIXES = (*EDGE_LIST_SUFFIXES, ".graphml", ".gexf")
EXPORT_SUFFIXES = (".gexf", ".graphml")

# Header rows a spreadsheet-made edge list may start with; they name columns, not users.
_EDGE_LIST_HEADERS = {("source", "target"), ("from", "to"), ("src", "dst")}

# Fewest tail observations a candidate xmin may leave: below this the KS distance of the fit is
# noise and the scan would chase a handful of hubs (Clauset, Shalizi & Newman 2009, section 3.3).
_MIN_TAIL = 50

# Sources per batch in the path-length BFS: bounds the distance matrix to batch x N floats.
_PATH_BATCH = 16


@dataclass(frozen=True)
class GraphStats:
    """The calibration figures of docs/model.md section 8 for one follower graph."""

    users: int
    edges: int
    mean_followers: float
    tail_exponent: float
    reciprocity: float
    clustering: float
    mean_path_scc: float
    scc_share: float


# --------------------------------------------------------------------------- generation


def generate_follower_graph(
    users: int,
    mean_out_degree: float,
    tail_exponent: float,
    reciprocity: float,
    triadic_closure: float,
    rng: np.random.Generator,
) -> csr_matrix:
    """Build a Twitter-like follower graph with about ``users * mean_out_degree`` edges.

    Why each step exists:

    1. **Attractiveness.** Each user gets a weight from a Pareto law with exponent
       ``tail_exponent - 1``; in a Chung-Lu graph a user's expected follower count is proportional
       to its weight, so follower counts inherit the density tail ``k^-tail_exponent`` (Kwak et
       al. 2010 measured about 2.3 on Twitter). Weights are capped at the expected largest of N
       draws, ``N^(1 / (tail_exponent - 1))``, so a rare extreme draw cannot make one account
       followed by almost everyone, which would swamp every other statistic at small N.
    2. **Preferential follows.** Each follow picks its followee with probability proportional to
       attractiveness (the multinomial counts of those picks, so no per-follow search) and its
       follower uniformly, so followee counts are light-tailed (Poisson). This gives the heavy
       follower tail and the short paths through hubs.
    3. **Triadic closure.** A share ``triadic_closure`` of the one-way follows copies a
       followee's followee (``v`` follows ``u``, ``u`` follows ``w``, so ``v`` follows ``w``).
       Independent picks leave few triangles; real follow graphs are clustered because people
       find accounts through the accounts they already follow.
    4. **Reciprocity.** Independent picks are rarely mutual (about ``mean_out_degree / N`` of
       edges), so follow-backs are added on one-way edges until the share of reciprocated edges
       reaches ``reciprocity``; mutual edges already present count towards it. The budgets of
       steps 2-3 leave room for them so the total comes to ``users * mean_out_degree``.
    5. **Cleaning.** Self-loops are dropped and duplicate follows merged, so the result is a
       simple directed graph with sorted ``int32`` indices and ``int8`` ones. Duplicates cost
       about 3% of the edges at the defaults and N = 10^4 (hubs are picked twice by the same
       follower), under 1% at N = 10^6.

    Each step is a handful of whole-array operations; scipy's CSR construction does the
    grouping by row in linear time, which is what makes 10^6 users take seconds.
    """
    if users < 2 or mean_out_degree <= 0 or tail_exponent <= 1.0:
        raise ValueError(
            f"need users >= 2, mean_out_degree > 0 and tail_exponent > 1, got {users}, "
            f"{mean_out_degree}, {tail_exponent}"
        )
    # Closure copies existing follows, so some must be drawn independently first.
    if not (0.0 <= reciprocity < 1.0 and 0.0 <= triadic_closure < 1.0):
        raise ValueError(
            f"need 0 <= reciprocity < 1 and 0 <= triadic_closure < 1, got {reciprocity}, "
            f"{triadic_closure}"
        )
    n = int(users)
    total = n * mean_out_degree
    # m follow-backs over E one-way-built edges give reciprocity 2m / (E + m); E + m = total
    # then needs E = total * (1 - reciprocity / 2).
    one_way = total * (1.0 - reciprocity / 2.0)
    closure_count = round(one_way * triadic_closure)
    base_count = round(one_way) - closure_count

    shape = tail_exponent - 1.0
    weights = np.minimum(rng.pareto(shape, size=n) + 1.0, float(n) ** (1.0 / shape))
    picks = rng.multinomial(base_count, weights / weights.sum())
    followee = np.repeat(np.arange(n, dtype=np.int32), picks)
    follower = rng.integers(0, n, size=base_count, dtype=np.int32)
    adjacency = _adjacency(followee, follower, n)

    if closure_count > 0:
        adjacency = _with_edges(adjacency, *_closure_follows(adjacency, closure_count, rng))
    return _add_follow_backs(adjacency, reciprocity, weights, rng)


def _adjacency(authors: np.ndarray, followers: np.ndarray, n: int) -> csr_matrix:
    """Simple CSR adjacency (int8 ones, sorted indices) from edge arrays, loops dropped."""
    keep = authors != followers
    # int8 ones from the start: a duplicate's sum may wrap, but only the structure is kept.
    adjacency = csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.int8), (authors[keep], followers[keep])), shape=(n, n)
    )
    adjacency.sum_duplicates()
    adjacency.data = np.ones(adjacency.nnz, dtype=np.int8)
    return adjacency


def _with_edges(adjacency: csr_matrix, authors: np.ndarray, followers: np.ndarray) -> csr_matrix:
    """`adjacency` with more edges, as `_adjacency` would build it from all the edges (loops
    dropped, duplicates merged, indices sorted): the new edges get a CSR of their own, and
    scipy's sum of two canonical CSRs merges it into the old one row by row, in one linear
    pass, without sorting the old edges again (they are most of the graph)."""
    merged = adjacency + _adjacency(authors, followers, adjacency.shape[0])
    merged.data = np.ones(merged.nnz, dtype=np.int8)
    return merged


def _edge_arrays(adjacency: csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of every stored edge, in storage order."""
    rows = np.repeat(
        np.arange(adjacency.shape[0], dtype=adjacency.indices.dtype), np.diff(adjacency.indptr)
    )
    return rows, adjacency.indices


def _closure_follows(
    adjacency: csr_matrix, count: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """``count`` follows of a followee's followee, as (author, follower) arrays.

    A random existing follow (``v`` follows ``u``) is picked, then a random account ``w`` that
    ``u`` follows (a row of the transposed adjacency); ``v`` then follows ``w``. Users who follow
    nobody offer no ``w`` and their draws are dropped.
    """
    followees = adjacency.T.tocsr()
    authors, followers = _edge_arrays(adjacency)
    pick = rng.integers(0, adjacency.nnz, size=count)
    u = authors[pick]
    v = followers[pick]
    start = followees.indptr[u]
    available = followees.indptr[u + 1] - start
    offset = (rng.random(count) * available).astype(start.dtype)
    has_followee = available > 0
    w = followees.indices[(start + offset)[has_followee]]
    return w, v[has_followee]


def _add_follow_backs(
    adjacency: csr_matrix, reciprocity: float, weights: np.ndarray, rng: np.random.Generator
) -> csr_matrix:
    """Add follow-backs on one-way follows until ``reciprocity`` of edges are mutual.

    With E edges of which R are mutual, adding m follow-backs gives (R + 2m) / (E + m); this
    solves for m. A follow-back of "v follows u" gives ``v`` a follower, and the one-way edges to
    reverse are drawn with probability proportional to ``v``'s attractiveness (Efraimidis-Spirakis
    keys ``log(U) / weight``, top m): then follow-backs scale every follower count by about the
    same factor. Uniform draws would add the same few followers to everyone, a shift that bends
    the power law and biases its exponent up by about 0.1 at N = 10^4. Each added edge reverses a
    distinct one-way edge, so none duplicates another.
    """
    # Each edge numbered from 1 in storage order (on the graph's own index arrays, not a copy):
    # the numbers left by the product with the transpose are the mutual edges'.
    number = np.int32 if adjacency.nnz < 2**31 else np.int64
    numbered = csr_matrix(
        (np.arange(1, adjacency.nnz + 1, dtype=number), adjacency.indices, adjacency.indptr),
        shape=adjacency.shape,
    )
    mutual = np.zeros(adjacency.nnz, dtype=bool)
    mutual[numbered.multiply(adjacency.T.tocsr()).tocsr().data - 1] = True
    del numbered
    one_way = np.flatnonzero(~mutual)
    needed = round((reciprocity * adjacency.nnz - mutual.sum()) / (2.0 - reciprocity))
    needed = min(max(needed, 0), one_way.size)
    if needed == 0:
        return adjacency
    authors, followers = _edge_arrays(adjacency)
    # log1p(-U) / weight, in one array (at 10^7 users each temporary is a gigabyte).
    priority = rng.random(one_way.size)
    np.negative(priority, out=priority)
    np.log1p(priority, out=priority)
    priority /= weights[followers[one_way]]
    chosen = one_way[np.argpartition(priority, one_way.size - needed)[one_way.size - needed :]]
    return _with_edges(adjacency, followers[chosen], authors[chosen])


# --------------------------------------------------------------------------- statistics


def tail_exponent_mle(degrees: np.ndarray, xmin: int | None = None) -> float:
    """Discrete power-law exponent of the tail of ``degrees`` by maximum likelihood.

    The likelihood of integers ``x >= xmin`` under ``P(x) = x^-alpha / zeta(alpha, xmin)`` is
    maximised numerically (the closed-form ``1 + n / sum(log(x / (xmin - 0.5)))`` is biased for
    small ``xmin``). Without ``xmin`` the method of Clauset, Shalizi & Newman (2009) picks it:
    every observed value leaving at least 50 tail points is tried and the one whose fit has the
    smallest Kolmogorov-Smirnov distance to the empirical tail wins, because below the true start
    of the tail the body of the distribution (here the Poisson bulk of ordinary users) pulls the
    estimate. Zeros are dropped (a power law has no mass there). Returns NaN when fewer than two
    values reach ``xmin``: an exponent from one point would be a made-up number.
    """
    values = np.asarray(degrees, dtype=np.float64)
    values = np.sort(values[values >= 1.0])
    if xmin is not None:
        tail = values[values >= xmin]
        return _fit_alpha(tail, float(xmin)) if tail.size >= 2 else float("nan")
    distinct, first = np.unique(values, return_index=True)
    tail_sizes = values.size - first
    candidates = distinct[tail_sizes >= _MIN_TAIL]
    if candidates.size == 0:
        return _fit_alpha(values, values[0]) if values.size >= 2 else float("nan")
    best_alpha, best_distance = float("nan"), np.inf
    for candidate in candidates:
        tail = values[values >= candidate]
        alpha = _fit_alpha(tail, candidate)
        distance = _ks_distance(tail, candidate, alpha)
        if distance < best_distance:
            best_alpha, best_distance = alpha, distance
    return best_alpha


def _fit_alpha(tail: np.ndarray, xmin: float) -> float:
    """Maximum-likelihood alpha of a discrete power law on ``tail`` (all ``>= xmin``)."""
    if tail[-1] == tail[0]:
        return float("nan")
    log_sum = float(np.log(tail).sum())
    count = tail.size

    def negative_log_likelihood(alpha: float) -> float:
        return count * np.log(special.zeta(alpha, xmin)) + alpha * log_sum

    result = optimize.minimize_scalar(
        negative_log_likelihood, bounds=(1.0001, 8.0), method="bounded", options={"xatol": 1e-5}
    )
    return float(result.x)


def _ks_distance(tail: np.ndarray, xmin: float, alpha: float) -> float:
    """Largest gap between the empirical and fitted survival functions ``P(X >= x)``."""
    distinct, first = np.unique(tail, return_index=True)
    empirical = (tail.size - first) / tail.size
    fitted = special.zeta(alpha, distinct) / special.zeta(alpha, xmin)
    return float(np.max(np.abs(empirical - fitted)))


def reciprocity(adjacency: csr_matrix) -> float:
    """Share of directed edges whose reverse edge also exists (Kwak et al. 2010's definition)."""
    simple = _simple_pattern(adjacency)
    if simple.nnz == 0:
        return float("nan")
    return float(simple.multiply(simple.T).nnz / simple.nnz)


def average_clustering(adjacency: csr_matrix) -> float:
    """Average local clustering of the undirected simple graph, as ``networkx.average_clustering``.

    Directions are dropped (a triangle is a triangle whoever follows whom) and nodes with fewer
    than two neighbours count as 0, as networkx does. Triangles are counted on the edges oriented
    from lower to higher degree, so each node keeps at most about sqrt(2E) out-neighbours and the
    sparse products stay small even with hubs (the plain ``(S @ S) * S`` is dense at 10^4 nodes).
    """
    simple = _simple_pattern(adjacency)
    undirected = ((simple + simple.T) > 0).astype(np.int64).tocsr()
    n = undirected.shape[0]
    if n == 0:
        return float("nan")
    degree = np.diff(undirected.indptr)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    permutation = csr_matrix((np.ones(n, dtype=np.int64), (rank, np.arange(n))), shape=(n, n))
    ranked = (permutation @ undirected @ permutation.T).tocsr()
    oriented = triu(ranked, k=1, format="csr")
    # A triangle a < b < c (by rank) is seen once from each corner's position in the orientation.
    closing = (oriented @ oriented).multiply(oriented)
    as_lowest = np.asarray(closing.sum(axis=1)).ravel()
    as_highest = np.asarray(closing.sum(axis=0)).ravel()
    as_middle = np.asarray((oriented.T @ oriented).multiply(oriented).sum(axis=1)).ravel()
    triangles_by_rank = as_lowest + as_highest + as_middle
    triangles = triangles_by_rank[rank]
    pairs = degree * (degree - 1) / 2.0
    local = np.divide(triangles, pairs, out=np.zeros(n), where=pairs > 0)
    return float(local.mean())


def graph_stats(
    adjacency: csr_matrix, rng: np.random.Generator, path_samples: int = 200
) -> GraphStats:
    """Compute the docs/model.md section 8 graph figures, for the calibration report and tests.

    The mean path length in the largest strongly connected component is estimated by BFS from
    ``path_samples`` random sources of that component (exact all-pairs BFS is quadratic), in
    batches so the distance matrix never exceeds a few sources times N.
    """
    simple = _simple_pattern(adjacency)
    n = simple.shape[0]
    followers = np.diff(simple.indptr)
    _, labels = csgraph.connected_components(simple, directed=True, connection="strong")
    sizes = np.bincount(labels)
    giant = np.flatnonzero(labels == np.argmax(sizes))
    return GraphStats(
        users=n,
        edges=int(simple.nnz),
        mean_followers=float(followers.mean()) if n else float("nan"),
        tail_exponent=tail_exponent_mle(followers),
        reciprocity=reciprocity(simple),
        clustering=average_clustering(simple),
        mean_path_scc=_mean_path_length(simple[giant][:, giant], rng, path_samples),
        scc_share=giant.size / n if n else float("nan"),
    )


def _mean_path_length(component: csr_matrix, rng: np.random.Generator, samples: int) -> float:
    """Mean directed BFS distance from sampled sources to every other node of a strong component."""
    size = component.shape[0]
    if size < 2:
        return float("nan")
    sources = rng.choice(size, size=min(samples, size), replace=False)
    total = 0.0
    for start in range(0, sources.size, _PATH_BATCH):
        batch = sources[start : start + _PATH_BATCH]
        distances = csgraph.shortest_path(
            component, method="D", directed=True, unweighted=True, indices=batch
        )
        total += float(distances.sum())
    return total / (sources.size * (size - 1))


def _simple_pattern(adjacency: csr_matrix) -> csr_matrix:
    """0/1 CSR copy without self-loops or duplicates, so the stats accept any loaded matrix."""
    entries = adjacency.tocoo()
    keep = (entries.row != entries.col) & (entries.data != 0)
    pattern = csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.int32), (entries.row[keep], entries.col[keep])),
        shape=adjacency.shape,
    )
    pattern.sum_duplicates()
    pattern.data = np.ones(pattern.nnz, dtype=np.int8)
    return pattern


# --------------------------------------------------------------------------- files


def load_graph(path: Path) -> csr_matrix:
    """Read a follower graph a user dropped in, as the same adjacency the generator returns.

    Edge lists (``.edgelist``, ``.txt``, ``.csv``) hold one ``source target`` pair per line,
    separated by whitespace or a comma, meaning information flows from source to target (the
    target follows the source; a file of "follower followee" pairs must be swapped first). Extra
    columns such as weights are ignored, ``#`` starts a comment and a ``source,target`` header is
    skipped. GraphML and GEXF go through NetworkX; undirected files give both directions.
    Node labels are numbered 0..N-1 in sorted string order so the same file always gives the same
    numbering. Every problem becomes a one-sentence ``ScenarioError`` naming the file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in GRAPH_FILE_SUFFIXES:
        raise ScenarioError(
            f"Graph file {path} has the unsupported extension '{path.suffix}'; use one of "
            f"{', '.join(GRAPH_FILE_SUFFIXES)}."
        )
    if not path.is_file():
        raise ScenarioError(f"Graph file {path} does not exist; check the graph.source path.")
    if suffix in EDGE_LIST_SUFFIXES:
        labels, sources, targets = _read_edge_list(path)
    else:
        labels, sources, targets = _read_networkx(path, suffix)
    if sources.size == 0:
        raise ScenarioError(f"Graph file {path} contains no edges; a follower graph needs some.")
    return _adjacency(sources, targets, labels.size)


def _read_edge_list(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Node labels (sorted) and source/target label indices of a text edge list."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"Graph file {path} cannot be read as UTF-8 text ({exc}).") from exc
    ends: list[str] = []
    header_allowed = True
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].replace(",", " ").split()
        if not fields:
            continue
        if header_allowed and tuple(field.lower() for field in fields[:2]) in _EDGE_LIST_HEADERS:
            header_allowed = False
            continue
        header_allowed = False
        if len(fields) < 2:
            raise ScenarioError(
                f"Graph file {path} line {number} has one field '{fields[0]}'; each line needs "
                "'source target'."
            )
        ends.extend(fields[:2])
    labels, index = np.unique(np.array(ends, dtype=str), return_inverse=True)
    index = index.astype(np.int32)
    return labels, index[0::2], index[1::2]


def _read_networkx(path: Path, suffix: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Node labels (sorted) and source/target label indices of a GraphML or GEXF file."""
    reader = nx.read_graphml if suffix == ".graphml" else nx.read_gexf
    try:
        graph = reader(path)
    # NetworkX and the XML parser raise many unrelated types for a malformed file; whichever it
    # is, the user's file is the problem and the message below says so.
    except Exception as exc:
        kind = "GraphML" if suffix == ".graphml" else "GEXF"
        raise ScenarioError(f"Graph file {path} is not valid {kind} ({exc}).") from exc
    labels = np.array(sorted(str(node) for node in graph.nodes), dtype=str)
    position = {label: index for index, label in enumerate(labels.tolist())}
    pairs = [(position[str(a)], position[str(b)]) for a, b in graph.edges()]
    if not graph.is_directed():
        pairs += [(b, a) for a, b in pairs]
    ends = np.array(pairs, dtype=np.int32).reshape(-1, 2)
    return labels, ends[:, 0], ends[:, 1]


Spell = tuple[bool | int | float | str, float, float]
"""A value an attribute holds from one time to another (GEXF's dynamic attribute values)."""


def export_graph(
    path: Path,
    adjacency: csr_matrix,
    node_attributes: dict[str, np.ndarray],
    dynamic_attributes: dict[str, list[list[Spell]]] | None = None,
) -> None:
    """Write the graph with per-node attributes as GEXF or GraphML (by extension) for Gephi.

    Edges run as information flows, from an account to each of its followers: an edge u -> v
    means v follows u (row u of the adjacency), so a node's out-degree is its follower count.
    Node ids are zero-padded numbers ("0042"), so their sorted string order is the numeric
    order and ``load_graph`` gives back the same numbering. Attribute arrays become plain Python
    values (the NetworkX writers reject numpy scalars): floats, ints, booleans or strings; a
    `label` attribute is the node's label in Gephi. `dynamic_attributes` are values over time,
    one list of spells per node, written to GEXF only (GraphML has no time), so Gephi's
    timeline can replay them.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ScenarioError(
            f"Cannot export the graph to {path}: the extension '{path.suffix}' is not one of "
            f"{', '.join(EXPORT_SUFFIXES)}."
        )
    n = adjacency.shape[0]
    dynamic = dynamic_attributes if suffix == ".gexf" and dynamic_attributes else {}
    lengths = {name: len(values) for name, values in node_attributes.items()}
    lengths.update({name: len(spells) for name, spells in dynamic.items()})
    for name, length in lengths.items():
        if length != n:
            raise ValueError(f"node attribute {name!r} has {length} values for {n} nodes")
    width = len(str(max(n - 1, 0)))
    names = [f"{index:0{width}d}" for index in range(n)]
    columns: dict[str, list[Any]] = {
        name: _python_values(values) for name, values in node_attributes.items()
    }
    columns.update(dynamic)
    graph = nx.DiGraph(mode="dynamic") if dynamic else nx.DiGraph()
    graph.add_nodes_from(
        (names[index], {name: column[index] for name, column in columns.items()})
        for index in range(n)
    )
    sources, targets = _edge_arrays(_simple_pattern(adjacency))
    graph.add_edges_from(
        (names[source], names[target])
        for source, target in zip(sources.tolist(), targets.tolist(), strict=True)
    )
    writer = nx.write_graphml if suffix == ".graphml" else nx.write_gexf
    try:
        writer(graph, path)
    except OSError as exc:
        raise ScenarioError(f"Cannot write the graph to {path} ({exc.strerror}).") from exc


def _python_values(values: np.ndarray) -> list[bool | int | float | str]:
    """Plain Python scalars for the NetworkX writers; anything not numeric becomes a string."""
    array = np.asarray(values)
    if array.dtype.kind in "biuf":
        return array.tolist()
    return [str(value) for value in array.tolist()]
