package fare

import (
	"encoding/json"
	"testing"
)

func TestModeOfRouteType(t *testing.T) {
	for rt, want := range map[int]Mode{3: Bus, 11: Bus, 700: Bus, 704: Bus, 715: DialARide, 200: Coach, 202: Coach,
		2: Rail, 100: Rail, 1: Rail, 401: Rail, 0: Tram, 900: Tram, 4: Ferry, 1200: Ferry, 6: Other, 1501: Other} {
		if got := ModeOfRouteType(rt); got != want {
			t.Errorf("route_type %d: %s, want %s", rt, got, want)
		}
	}
	if got := (Ride{RouteType: 3, Mode: Coach}).mode(); got != Coach {
		t.Errorf("Mode should override RouteType, got %s", got)
	}
}

func TestAmountJSON(t *testing.T) {
	b, _ := json.Marshal(Amount{Pence: 300, Currency: "GBP", Confidence: Estimated})
	if string(b) != `{"pence":300,"currency":"GBP","confidence":"estimated","concession":false}` {
		t.Errorf("got %s", b)
	}
	var a Amount
	if err := json.Unmarshal([]byte(`{"pence":0,"confidence":"known","concession":true}`), &a); err != nil || !a.Free() || !a.Concession {
		t.Errorf("got %+v, %v", a, err)
	}
	if err := json.Unmarshal([]byte(`{"confidence":"maybe"}`), &a); err == nil {
		t.Error("accepted confidence maybe")
	}
}
