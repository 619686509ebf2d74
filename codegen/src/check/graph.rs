//! The containment graph of named types: which types hold which others directly (not through
//! a list or map). A cycle there is a type of infinite size. Found with Tarjan's strongly
//! connected components, iteratively, in O(types + fields) time and without deep recursion.

use super::Checker;
use crate::spec::type_expr::{TypeExpr, Wrapper};
use std::collections::BTreeMap;

/// The named type an expression holds inline, if any (`lenient<T>` and `json_string<T>` hold
/// their `T` inline; `list` and `map` allocate).
fn held_inline(expr: &TypeExpr) -> Option<&str> {
    match expr {
        TypeExpr::Named(name, _) => Some(name),
        TypeExpr::Wrapped(Wrapper::Lenient | Wrapper::JsonString, inner) => held_inline(inner),
        TypeExpr::Wrapped(Wrapper::List | Wrapper::Map, _) | TypeExpr::Scalar(_) => None,
    }
}

impl Checker<'_> {
    /// Reports every type that contains itself without a list or map in between.
    pub(super) fn check_cycles(&mut self) {
        let spec = self.spec;
        let index: BTreeMap<&str, usize> = spec
            .types
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (name.value.as_str(), i))
            .collect();
        let edges: Vec<Vec<usize>> = spec
            .types
            .iter()
            .map(|(_, def)| {
                let fields = def
                    .fields
                    .iter()
                    .flatten()
                    .filter_map(|field| held_inline(field.ty.value.expr()?));
                let members = def.variants.iter().flatten().map(|v| v.ty.value.as_str());
                fields
                    .chain(members)
                    .filter_map(|name| index.get(name).copied())
                    .collect()
            })
            .collect();
        for component in strongly_connected(&edges) {
            let cyclic = component.len() > 1 || edges[component[0]].contains(&component[0]);
            if !cyclic {
                continue;
            }
            let mut members = component;
            members.sort_unstable();
            for node in members {
                let name = &spec.types.0[node].0;
                self.error(
                    name.span,
                    format!(
                        "type `{}` contains itself without a list or map in between",
                        name.value
                    ),
                    "a `list<...>` or `map<...>` somewhere on the cycle",
                );
            }
        }
    }
}

/// Tarjan's algorithm with an explicit stack: the strongly connected components of a graph
/// given as adjacency lists.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNVISITED: usize = usize::MAX;
    let count = edges.len();
    let mut order = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut next = 0;
    for root in 0..count {
        if order[root] != UNVISITED {
            continue;
        }
        // Each frame: a node and how many of its edges have been followed.
        let mut frames = vec![(root, 0)];
        order[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(frame) = frames.last_mut() {
            let node = frame.0;
            if let Some(&target) = edges[node].get(frame.1) {
                frame.1 += 1;
                if order[target] == UNVISITED {
                    order[target] = next;
                    low[target] = next;
                    next += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    frames.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn finds_cycles_and_singletons() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 alone, 5 → 0.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![], vec![0]];
        let mut components: Vec<Vec<usize>> = strongly_connected(&edges)
            .into_iter()
            .map(|mut c| {
                c.sort_unstable();
                c
            })
            .collect();
        components.sort();
        assert_eq!(components, vec![vec![0, 1, 2], vec![3], vec![4], vec![5]]);
    }

    #[test]
    fn a_long_chain_does_not_recurse() {
        let edges: Vec<Vec<usize>> = (0..100_000)
            .map(|i| vec![i + 1, i + 1])
            .chain([vec![]])
            .collect();
        assert_eq!(strongly_connected(&edges).len(), 100_001);
    }
}
