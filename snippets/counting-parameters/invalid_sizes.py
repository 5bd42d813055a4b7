"""No units, a negative number or half a unit: nnref refuses each clearly."""

from nnref import Dense, dense_parameters

for n_in, n_out in [(784, 0), (784, -256), (784, 2.5)]:
    try:
        dense_parameters(n_in, n_out)
    except (ValueError, TypeError) as error:
        print(f"dense_parameters({n_in}, {n_out})")
        print(f"  {type(error).__name__}: {error}")

try:
    Dense(2, 0)  # the layer itself checks its sizes too
except ValueError as error:
    print(f"Dense(2, 0)\n  ValueError: {error}")
