"""The approximation holds on [0, pi] only:
outside it the network continues in a straight line."""

import numpy as np

import nnref

# --8<-- [start:page]
network = nnref.interpolation_network(np.sin, 0.0, np.pi, 8)
print("    x   network   sin(x)")
for point in (1.0, 3.0, 4.0, 5.0, 6.0):
    print(f"{point:5.2f}  {network.forward([[point]])[0, 0]:8.3f}  "
          f"{np.sin(point):7.3f}")
# --8<-- [end:page]
