// PLACEHOLDER: the store is designed and built by the store work (issue 8).
#pragma once
