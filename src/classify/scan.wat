;; NormalizedBuffer.fillUtf8's loop (normalize.ts) in WebAssembly: UTF-8 bytes
;; to canonical units, with the dense automaton stepped as each unit is written.
;; The same rules, the same results (test/scan-wasm.test.ts): only faster, as
;; WebAssembly's loads and stores carry no bounds checks and no type guards.
;;
;; Everything lives in the one memory, at places `layout` is told by
;; wasm-scan.ts: the form of each UTF-16 unit (u32: its canonical unit in the
;; high half, 0 not learnt yet, 0xffff no one-unit form; the automaton's class
;; of that canonical unit in the low half, one load for both), the automaton in
;; one of two layouts, whichever is smaller (wasm-scan.ts), and the buffers
;; written: units (u16), their original starts and ends (u32), occurrences
;; (pattern, start, end: i32 each). The layouts:
;;   displaced (displaced-table.ts; `width` 0): the root's cells, i32; entries,
;;     (owner, cell) as two i32. A state is its base.
;;   full (`width` the number of classes): a u16 cell per state and class. A
;;     state is its number.
;; Either way a cell is the target state * 2, plus 1 when patterns end there,
;; and `ranges` holds each state's first and last-plus-one index into the
;; outputs (i32 each).
;;
;; `fill(from, to, unescape)` reads bytes [from, to) and answers
;;   the count of units written, times 4, when done (the count of occurrences is then `found`);
;;   1: the text needs the string path (beyond the BMP, or a unit without a one-unit form);
;;   2: unit `unseen` has not been learnt: learn it, then call again;
;;   3: more occurrences than `layout` made room for.
;; (Answers in one number, and counts in the memory: reading a global from JavaScript costs more than a call.)
(module
  (memory (export "memory") 1)
  (global $forms (mut i32) (i32.const 0))
  (global $table (mut i32) (i32.const 0))
  (global $width (mut i32) (i32.const 0))
  (global $root (mut i32) (i32.const 0))
  (global $entries (mut i32) (i32.const 0))
  (global $ranges (mut i32) (i32.const 0))
  (global $outputs (mut i32) (i32.const 0))
  (global $lengths (mut i32) (i32.const 0))
  (global $codes (mut i32) (i32.const 0))
  (global $starts (mut i32) (i32.const 0))
  (global $ends (mut i32) (i32.const 0))
  (global $occPatterns (mut i32) (i32.const 0))
  (global $occStarts (mut i32) (i32.const 0))
  (global $occEnds (mut i32) (i32.const 0))
  (global $occCapacity (mut i32) (i32.const 0))
  ;; Where `found` and `unseen` are written: two i32s.
  (global $counts (mut i32) (i32.const 0))

  (func (export "layout")
    (param $forms i32) (param $table i32) (param $width i32) (param $root i32) (param $entries i32)
    (param $ranges i32) (param $outputs i32) (param $lengths i32)
    (param $codes i32) (param $starts i32) (param $ends i32)
    (param $occPatterns i32) (param $occStarts i32) (param $occEnds i32) (param $occCapacity i32) (param $counts i32)
    (global.set $forms (local.get $forms))
    (global.set $table (local.get $table))
    (global.set $width (local.get $width))
    (global.set $root (local.get $root))
    (global.set $entries (local.get $entries))
    (global.set $ranges (local.get $ranges))
    (global.set $outputs (local.get $outputs))
    (global.set $lengths (local.get $lengths))
    (global.set $codes (local.get $codes))
    (global.set $starts (local.get $starts))
    (global.set $ends (local.get $ends))
    (global.set $occPatterns (local.get $occPatterns))
    (global.set $occStarts (local.get $occStarts))
    (global.set $occEnds (local.get $occEnds))
    (global.set $occCapacity (local.get $occCapacity))
    (global.set $counts (local.get $counts)))

  (func (export "fill") (param $i i32) (param $to i32) (param $unescape i32) (result i32)
    (local $unit i32) (local $form i32) (local $code i32) (local $state i32) (local $n i32) (local $offset i32)
    (local $lastSpace i32) (local $class i32) (local $entry i32) (local $cell i32) (local $m i32) (local $last i32) (local $pattern i32) (local $occ i32)
    ;; Leading separators are dropped: the text starts as if after one.
    (local.set $lastSpace (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        ;; Decode one UTF-16 unit.
        (local.set $unit (i32.load8_u (local.get $i)))
        (if (i32.ge_u (local.get $unit) (i32.const 0x80))
          (then
            (if (i32.lt_u (local.get $unit) (i32.const 0xe0))
              (then
                (local.set $unit (i32.or
                  (i32.shl (i32.and (local.get $unit) (i32.const 0x1f)) (i32.const 6))
                  (i32.and (i32.load8_u offset=1 (local.get $i)) (i32.const 0x3f))))
                (local.set $i (i32.add (local.get $i) (i32.const 1))))
              (else
                (if (i32.ge_u (local.get $unit) (i32.const 0xf0)) (then (return (i32.const 1))))
                (local.set $unit (i32.or (i32.or
                  (i32.shl (i32.and (local.get $unit) (i32.const 0x0f)) (i32.const 12))
                  (i32.shl (i32.and (i32.load8_u offset=1 (local.get $i)) (i32.const 0x3f)) (i32.const 6)))
                  (i32.and (i32.load8_u offset=2 (local.get $i)) (i32.const 0x3f))))
                (local.set $i (i32.add (local.get $i) (i32.const 2))))))
          (else
            ;; A doubled quote of a quoted CSV field is one quote.
            (if (i32.and (i32.eq (local.get $unit) (i32.const 0x22)) (local.get $unescape))
              (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        ;; Its canonical unit.
        (local.set $form (i32.load (i32.add (global.get $forms) (i32.shl (local.get $unit) (i32.const 2)))))
        (local.set $code (i32.shr_u (local.get $form) (i32.const 16)))
        (if (i32.eqz (local.get $code))
          (then (i32.store offset=4 (global.get $counts) (local.get $unit)) (return (i32.const 2))))
        (if (i32.eq (local.get $code) (i32.const 0xffff)) (then (return (i32.const 1))))
        ;; Runs of separators collapse into the first.
        (if (i32.eq (local.get $code) (i32.const 0x20))
          (then
            (if (local.get $lastSpace)
              (then (local.set $offset (i32.add (local.get $offset) (i32.const 1))) (br $next)))
            (local.set $lastSpace (i32.const 1)))
          (else (local.set $lastSpace (i32.const 0))))
        (i32.store16 (i32.add (global.get $codes) (i32.shl (local.get $n) (i32.const 1))) (local.get $code))
        (i32.store (i32.add (global.get $starts) (i32.shl (local.get $n) (i32.const 2))) (local.get $offset))
        (local.set $offset (i32.add (local.get $offset) (i32.const 1)))
        (i32.store (i32.add (global.get $ends) (i32.shl (local.get $n) (i32.const 2))) (local.get $offset))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        ;; One automaton step; the cell's low bit tells whether patterns end at its target.
        (local.set $class (i32.and (local.get $form) (i32.const 0xffff)))
        (if (global.get $width)
          (then
            ;; Full: the state's row.
            (local.set $cell (i32.load16_u (i32.add (global.get $table) (i32.shl
              (i32.add (i32.mul (local.get $state) (global.get $width)) (local.get $class)) (i32.const 1))))))
          (else
            ;; Displaced: the state's own cell when the entry is its, else the root's.
            (local.set $entry (i32.add (global.get $entries) (i32.shl (i32.add (local.get $state) (local.get $class)) (i32.const 3))))
            (local.set $cell (select
              (i32.load offset=4 (local.get $entry))
              (i32.load (i32.add (global.get $root) (i32.shl (local.get $class) (i32.const 2))))
              (i32.eq (i32.load (local.get $entry)) (local.get $state))))))
        (local.set $state (i32.shr_u (local.get $cell) (i32.const 1)))
        (br_if $next (i32.eqz (i32.and (local.get $cell) (i32.const 1))))
        (local.set $m (i32.load (i32.add (global.get $ranges) (i32.shl (local.get $state) (i32.const 3)))))
        (local.set $last (i32.load offset=4 (i32.add (global.get $ranges) (i32.shl (local.get $state) (i32.const 3)))))
        (block $reported
          (loop $report
            (br_if $reported (i32.ge_u (local.get $m) (local.get $last)))
            (if (i32.ge_u (local.get $occ) (global.get $occCapacity)) (then (return (i32.const 3))))
            (local.set $pattern (i32.load (i32.add (global.get $outputs) (i32.shl (local.get $m) (i32.const 2)))))
            (i32.store (i32.add (global.get $occPatterns) (i32.shl (local.get $occ) (i32.const 2))) (local.get $pattern))
            (i32.store (i32.add (global.get $occStarts) (i32.shl (local.get $occ) (i32.const 2)))
              (i32.sub (local.get $n) (i32.load (i32.add (global.get $lengths) (i32.shl (local.get $pattern) (i32.const 2))))))
            (i32.store (i32.add (global.get $occEnds) (i32.shl (local.get $occ) (i32.const 2))) (local.get $n))
            (local.set $occ (i32.add (local.get $occ) (i32.const 1)))
            (local.set $m (i32.add (local.get $m) (i32.const 1)))
            (br $report)))
        (br $next)))
    (i32.store (global.get $counts) (local.get $occ))
    ;; A trailing separator is dropped.
    (i32.shl
      (select (i32.sub (local.get $n) (i32.const 1)) (local.get $n) (i32.and (i32.ne (local.get $n) (i32.const 0)) (local.get $lastSpace)))
      (i32.const 2)))
)
