package io.saasql.core.pushdown;

import io.saasql.core.declare.SqlValues;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import org.apache.calcite.rex.RexUnknownAs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The values of one column that a predicate accepts, in SQL's three-valued logic: a non-null value
 * makes the predicate TRUE when it lies in {@link #ranges()} and FALSE otherwise; a NULL makes it
 * {@link #nullAs()}. A WHERE clause keeps a row only when the predicate is TRUE.
 *
 * <p>Values are canonical per column type (see {@link SqlValues}), so that every range of one
 * column compares values of one class.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class ValueSet {
  private final ImmutableRangeSet<Comparable> ranges;
  private final RexUnknownAs nullAs;

  private ValueSet(RangeSet<Comparable> ranges, RexUnknownAs nullAs) {
    this.ranges = ImmutableRangeSet.copyOf(ranges);
    this.nullAs = Objects.requireNonNull(nullAs);
  }

  public static ValueSet of(RangeSet<Comparable> ranges, RexUnknownAs nullAs) {
    return new ValueSet(ranges, nullAs);
  }

  /** {@code column = value}. */
  public static ValueSet point(Comparable value) {
    return new ValueSet(ImmutableRangeSet.of(Range.singleton(value)), RexUnknownAs.UNKNOWN);
  }

  /** A comparison such as {@code column < value}. */
  public static ValueSet range(Range<Comparable> range) {
    return new ValueSet(ImmutableRangeSet.of(range), RexUnknownAs.UNKNOWN);
  }

  /** {@code column IS NULL}. */
  public static ValueSet isNull() {
    return new ValueSet(ImmutableRangeSet.of(), RexUnknownAs.TRUE);
  }

  /** {@code column IS NOT NULL}. */
  public static ValueSet isNotNull() {
    return new ValueSet(ImmutableRangeSet.of(Range.all()), RexUnknownAs.FALSE);
  }

  public ImmutableRangeSet<Comparable> ranges() {
    return ranges;
  }

  public RexUnknownAs nullAs() {
    return nullAs;
  }

  /** Whether a NULL in the column makes the predicate TRUE. */
  public boolean acceptsNull() {
    return nullAs == RexUnknownAs.TRUE;
  }

  /** Whether no value at all, NULL included, makes the predicate TRUE. */
  public boolean isNone() {
    return ranges.isEmpty() && !acceptsNull();
  }

  /** Whether every non-null value is accepted. */
  public boolean acceptsAllValues() {
    return ranges.encloses(Range.all());
  }

  /** The accepted values when they are finitely many single points; otherwise null. */
  public List<Comparable> points() {
    List<Comparable> points = new ArrayList<>();
    for (Range<Comparable> r : ranges.asRanges()) {
      if (!r.hasLowerBound() || !r.hasUpperBound()
          || r.lowerEndpoint().compareTo(r.upperEndpoint()) != 0
          || r.isEmpty()) {
        return null;
      }
      points.add(r.lowerEndpoint());
    }
    return points;
  }

  /**
   * The smallest single range enclosing all accepted values (the whole line when there are none).
   */
  public Range<Comparable> span() {
    return ranges.isEmpty() ? Range.all() : ranges.span();
  }

  public ValueSet and(ValueSet other) {
    RangeSet<Comparable> r = TreeRangeSet.create(ranges);
    r.removeAll(other.ranges.complement());
    return new ValueSet(r, nullAs.negate().or(other.nullAs.negate()).negate());
  }

  public ValueSet or(ValueSet other) {
    RangeSet<Comparable> r = TreeRangeSet.create(ranges);
    r.addAll(other.ranges);
    return new ValueSet(r, nullAs.or(other.nullAs));
  }

  public ValueSet negate() {
    return new ValueSet(ranges.complement(), nullAs.negate());
  }

  @Override public boolean equals(Object o) {
    return o instanceof ValueSet v && v.ranges.equals(ranges) && v.nullAs == nullAs;
  }

  @Override public int hashCode() {
    return Objects.hash(ranges, nullAs);
  }

  @Override public String toString() {
    return ranges + (nullAs == RexUnknownAs.UNKNOWN ? "" : " null:" + nullAs);
  }
}
