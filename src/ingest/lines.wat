;; LineWriter's plain line (offering-lines.ts) in WebAssembly: the bytes of one
;; output line copied together from the pieces the writer keeps in this memory.
;; The same bytes as the JavaScript it replaced (test/classify-equivalence.test.ts
;; checks lines against formatLine); only cheaper, since a line is a dozen short
;; copies and two numbers, each a loop of bounds-checked stores in JavaScript.
;;
;; `layout` tells where the pools are: link ids and terms as UTF-8 side by side
;; (`starts`: i32 offsets, one more than there are entries), a byte per term
;; (1: it starts like a formula), and the scratch where each line's alternatives
;; (link indices) and evidence (term, start, end) are put before the call.
;;
;; `line(at, prefix, prefixLength, middle, middleLength, alternatives, evidence, excel)`
;; writes the line at `at` and answers where it ends:
;;   prefix cells (copied unless already at `at`) · middle cells · alternatives `|`-joined ·
;;   `,` · evidence `term@start-end` `;`-joined · line end;
;; excel: CRLF, and a `'` before evidence whose first term starts like a formula;
;; else (staging): alternatives and evidence quoted, LF.
(module
  (memory (export "memory") 1)
  (global $linkStarts (mut i32) (i32.const 0))
  (global $linkBytes (mut i32) (i32.const 0))
  (global $termStarts (mut i32) (i32.const 0))
  (global $termBytes (mut i32) (i32.const 0))
  (global $termFormula (mut i32) (i32.const 0))
  (global $alternatives (mut i32) (i32.const 0))
  (global $evidence (mut i32) (i32.const 0))

  (func (export "layout")
    (param $linkStarts i32) (param $linkBytes i32) (param $termStarts i32) (param $termBytes i32)
    (param $termFormula i32) (param $alternatives i32) (param $evidence i32)
    (global.set $linkStarts (local.get $linkStarts))
    (global.set $linkBytes (local.get $linkBytes))
    (global.set $termStarts (local.get $termStarts))
    (global.set $termBytes (local.get $termBytes))
    (global.set $termFormula (local.get $termFormula))
    (global.set $alternatives (local.get $alternatives))
    (global.set $evidence (local.get $evidence)))

  ;; Copies entry `i` of a pool to `at`; answers the end.
  (func $copyEntry (param $at i32) (param $starts i32) (param $bytes i32) (param $i i32) (result i32)
    (local $from i32) (local $length i32)
    (local.set $from (i32.load (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
    (local.set $length (i32.sub (i32.load offset=4 (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))) (local.get $from)))
    (memory.copy (local.get $at) (i32.add (local.get $bytes) (local.get $from)) (local.get $length))
    (i32.add (local.get $at) (local.get $length)))

  ;; Writes the decimal digits of a non-negative integer at `at`; answers the end.
  (func $int (param $at i32) (param $value i32) (result i32)
    (local $digits i32) (local $v i32) (local $end i32)
    (if (i32.lt_u (local.get $value) (i32.const 10))
      (then
        (i32.store8 (local.get $at) (i32.add (i32.const 0x30) (local.get $value)))
        (return (i32.add (local.get $at) (i32.const 1)))))
    (local.set $digits (i32.const 0))
    (local.set $v (local.get $value))
    (loop $count
      (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $count (i32.ne (local.get $v) (i32.const 0))))
    (local.set $end (i32.add (local.get $at) (local.get $digits)))
    (local.set $at (local.get $end))
    (local.set $v (local.get $value))
    (loop $write
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at) (i32.add (i32.const 0x30) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $write (i32.ne (local.get $v) (i32.const 0))))
    (local.get $end))

  (func (export "line")
    (param $at i32) (param $prefix i32) (param $prefixLength i32) (param $middle i32) (param $middleLength i32)
    (param $alternatives i32) (param $evidence i32) (param $excel i32) (result i32)
    (local $k i32) (local $entry i32)
    (if (i32.ne (local.get $prefix) (local.get $at))
      (then (memory.copy (local.get $at) (local.get $prefix) (local.get $prefixLength))))
    (local.set $at (i32.add (local.get $at) (local.get $prefixLength)))
    (memory.copy (local.get $at) (local.get $middle) (local.get $middleLength))
    (local.set $at (i32.add (local.get $at) (local.get $middleLength)))
    ;; Alternatives.
    (if (i32.eqz (local.get $excel))
      (then (i32.store8 (local.get $at) (i32.const 0x22)) (local.set $at (i32.add (local.get $at) (i32.const 1)))))
    (local.set $k (i32.const 0))
    (block $alternativesDone
      (loop $alternative
        (br_if $alternativesDone (i32.ge_u (local.get $k) (local.get $alternatives)))
        (if (local.get $k)
          (then (i32.store8 (local.get $at) (i32.const 0x7c)) (local.set $at (i32.add (local.get $at) (i32.const 1)))))
        (local.set $at (call $copyEntry (local.get $at) (global.get $linkStarts) (global.get $linkBytes)
          (i32.load (i32.add (global.get $alternatives) (i32.shl (local.get $k) (i32.const 2))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $alternative)))
    (if (i32.eqz (local.get $excel))
      (then (i32.store8 (local.get $at) (i32.const 0x22)) (local.set $at (i32.add (local.get $at) (i32.const 1)))))
    (i32.store8 (local.get $at) (i32.const 0x2c))
    (local.set $at (i32.add (local.get $at) (i32.const 1)))
    ;; Evidence: staging quotes it; in a spreadsheet, a first term that starts like a formula makes the cell one.
    (if (i32.eqz (local.get $excel))
      (then (i32.store8 (local.get $at) (i32.const 0x22)) (local.set $at (i32.add (local.get $at) (i32.const 1))))
      (else
        (if (i32.and (i32.ne (local.get $evidence) (i32.const 0))
                     (i32.load8_u (i32.add (global.get $termFormula) (i32.load (global.get $evidence)))))
          (then (i32.store8 (local.get $at) (i32.const 0x27)) (local.set $at (i32.add (local.get $at) (i32.const 1)))))))
    (local.set $k (i32.const 0))
    (block $evidenceDone
      (loop $piece
        (br_if $evidenceDone (i32.ge_u (local.get $k) (local.get $evidence)))
        (if (local.get $k)
          (then (i32.store8 (local.get $at) (i32.const 0x3b)) (local.set $at (i32.add (local.get $at) (i32.const 1)))))
        (local.set $entry (i32.add (global.get $evidence) (i32.mul (local.get $k) (i32.const 12))))
        (local.set $at (call $copyEntry (local.get $at) (global.get $termStarts) (global.get $termBytes) (i32.load (local.get $entry))))
        (i32.store8 (local.get $at) (i32.const 0x40))
        (local.set $at (call $int (i32.add (local.get $at) (i32.const 1)) (i32.load offset=4 (local.get $entry))))
        (i32.store8 (local.get $at) (i32.const 0x2d))
        (local.set $at (call $int (i32.add (local.get $at) (i32.const 1)) (i32.load offset=8 (local.get $entry))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $piece)))
    (if (i32.eqz (local.get $excel))
      (then
        (i32.store8 (local.get $at) (i32.const 0x22))
        (i32.store8 offset=1 (local.get $at) (i32.const 0x0a))
        (return (i32.add (local.get $at) (i32.const 2)))))
    (i32.store8 (local.get $at) (i32.const 0x0d))
    (i32.store8 offset=1 (local.get $at) (i32.const 0x0a))
    (i32.add (local.get $at) (i32.const 2)))
)
